package org.pcistress.explore;

import java.util.List;

/**
 * One execution run on a given schedule ({@link Explorer#replay}): what failed, and the whole
 * table of what ran.
 *
 * @param scenario       the scenario's name
 * @param schedule       the schedule that actually ran (the given one, extended without preemptions)
 * @param findings       what failed; empty when the execution passed
 * @param table          the CPU0 | CPU1 | … table of every step
 * @param counterexample the counterexample when it failed, else {@code null}
 */
public record Replay(String scenario, Schedule schedule, List<Finding> findings, String table,
                     Counterexample counterexample) {
    public Replay {
        findings = List.copyOf(findings);
    }

    public boolean failed() {
        return !findings.isEmpty();
    }

    /** {@code OK} or the first failure's kind. */
    public String verdict() {
        return findings.isEmpty() ? "OK" : findings.get(0).kind();
    }
}
