package org.pcistress.explore.matrix;

import java.util.Objects;
import org.pcistress.explore.Scenario;

/**
 * How a {@link MatrixTarget} races the entries of one cell: the scenario (a fresh boot per
 * execution) and, in words, the initial state it boots into ("PF bound, 2 VFs enabled").
 *
 * @param scenario     the scenario to explore
 * @param initialState the state the scenario boots into, for the output
 */
public record CellPlan(Scenario scenario, String initialState) {
    public CellPlan {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(initialState, "initialState");
    }
}
