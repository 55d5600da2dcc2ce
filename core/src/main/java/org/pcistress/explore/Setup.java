package org.pcistress.explore;

import java.util.List;
import java.util.Objects;
import org.pcistress.kernel.locking.Kernel;

/**
 * What a {@link Scenario} builds for one execution: a fresh kernel on the explorer's scheduler
 * (and whatever model state it holds), the actors to race, and the final check.
 *
 * @param kernel the fresh kernel, built as {@code new Kernel(config, scheduler)}
 * @param actors the actors, in column order (task 0, 1, ...)
 * @param check  the final check
 */
public record Setup(Kernel kernel, List<Actor> actors, FinalCheck check) {
    public Setup {
        Objects.requireNonNull(kernel, "kernel");
        actors = List.copyOf(actors);
        Objects.requireNonNull(check, "check");
        if (actors.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one actor");
        }
    }

    public Setup(Kernel kernel, List<Actor> actors) {
        this(kernel, actors, FinalCheck.none());
    }
}
