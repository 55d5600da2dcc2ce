package org.pcistress.tools.stress;

import java.util.List;

/**
 * summary.json: one stress run. Written when the run starts (state {@code RUNNING}), again after
 * every configuration that finishes, and once more at the end, so a run killed half way, or a
 * stress command killed with it, still leaves what it had.
 *
 * @param state {@code RUNNING} or {@code DONE}
 * @param result {@code PASSED}, {@code REGRESSION} or {@code HARNESS_FAILURE} (see {@link ExitCodes})
 * @param exitCode the stress command's exit code
 * @param complete whether jcstress ran to its final report
 * @param incompleteBecause why not, or {@code null}
 * @param started ISO-8601 start time
 * @param finished ISO-8601 end time, or {@code null} while running
 * @param elapsedSeconds wall time so far
 * @param budgetSeconds the budget
 * @param estimateSeconds what the plan expected
 * @param iterations jcstress {@code -iters}
 * @param timeMs jcstress {@code -time}
 * @param command the full jcstress command line
 * @param testsExpected tests in the jar that the selection matches
 * @param testsRan tests that reported
 * @param plannedConfigurations jcstress's own planned count (-1 if it never said)
 * @param configurationsReported configurations that finished
 * @param problems one line per problem
 * @param tests per test and variant: verdict, counts, expectations
 */
public record RunSummary(String state, String result, int exitCode, boolean complete, String incompleteBecause,
        String started, String finished, double elapsedSeconds, long budgetSeconds, long estimateSeconds,
        int iterations, int timeMs, List<String> command, int testsExpected, int testsRan, int plannedConfigurations,
        int configurationsReported, List<String> problems, List<TestSummary> tests) {
    public RunSummary {
        command = List.copyOf(command);
        problems = List.copyOf(problems);
        tests = List.copyOf(tests);
    }
}
