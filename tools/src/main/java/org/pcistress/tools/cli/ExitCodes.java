package org.pcistress.tools.cli;

/**
 * The exit-code contract of every pcistress command, so a CI system can act on it.
 *
 * <ul>
 *   <li>{@link #OK} 0: everything as expected (known bugs showed where they should, fixes held).</li>
 *   <li>{@link #REGRESSION} 1: the model says something got worse: a new failure in the matrix, a
 *       FORBIDDEN jcstress outcome, a silent canary, a benchmark regression.</li>
 *   <li>{@link #USAGE} 2: bad input: an unknown option, scenario or profile, a malformed duration, a
 *       corrupt baseline. Nothing was run and nothing earlier was touched.</li>
 *   <li>{@link #HARNESS} 3: the harness itself failed: the build, a jcstress TIMEOUT or crash,
 *       fewer tests ran than exist, a benchmark run that did not finish.</li>
 * </ul>
 * When several apply, the regression wins over the harness failure: a bug the model showed is
 * real evidence whatever else went wrong, and it is what the run is for; hiding it behind "the
 * harness failed" would let it be dismissed as infrastructure noise. The report names both.
 * A harness failure wins over OK: a run that did not finish cannot vouch for anything.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int REGRESSION = 1;
    public static final int USAGE = 2;
    public static final int HARNESS = 3;

    private ExitCodes() {
    }

    /**
     * The code for a run whose parts ended with {@code codes}. A code outside the contract (a VM killed
     * with 137, a JVM crash) counts as {@link #HARNESS}, so the result is always one of the four.
     */
    public static int combine(int... codes) {
        int worst = OK;
        for (int c : codes) {
            int known = c == OK || c == REGRESSION || c == USAGE ? c : HARNESS;
            worst = rank(known) > rank(worst) ? known : worst;
        }
        return worst;
    }

    /** The word summary.json and summary.txt use for a code: PASSED, REGRESSION, USAGE, HARNESS_FAILURE. */
    public static String name(int code) {
        return switch (code) {
            case OK -> "PASSED";
            case REGRESSION -> "REGRESSION";
            case USAGE -> "USAGE";
            case HARNESS -> "HARNESS_FAILURE";
            default -> "EXIT_" + code;
        };
    }

    private static int rank(int code) {
        return switch (code) {
            case OK -> 0;
            case USAGE -> 1;
            case REGRESSION -> 3;
            default -> 2;
        };
    }
}
