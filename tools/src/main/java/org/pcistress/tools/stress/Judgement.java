package org.pcistress.tools.stress;

import java.util.List;

/**
 * What a stress run found, before the command adds times and paths.
 *
 * @param complete jcstress ran to its final report and exited as it does after a whole run
 * @param incompleteBecause why not, or {@code null}
 * @param testsExpected tests the jar holds that the selection matches
 * @param testsRan tests that reported at least one configuration
 * @param plannedConfigurations jcstress's own "N planned" count, or -1 if it never printed one
 * @param exitCode see {@link ExitCodes}
 * @param problems one line per thing that is wrong, empty when the run passed
 * @param tests one summary per expected test (and any unexpected one that reported), by name
 */
public record Judgement(boolean complete, String incompleteBecause, int testsExpected, int testsRan,
        int plannedConfigurations, int exitCode, List<String> problems, List<TestSummary> tests) {
    public Judgement {
        problems = List.copyOf(problems);
        tests = List.copyOf(tests);
    }
}
