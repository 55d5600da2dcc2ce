package org.pcistress.tools.stress;

/**
 * The stress command's exit codes, the contract with the nightly job (docs/STRESS.md).
 *
 * <p>Precedence: a FORBIDDEN outcome is evidence whatever else went wrong, so it wins (1); a
 * broken harness (3) comes next, because then a silent canary proves nothing; a silent canary in
 * an otherwise healthy run is a regression of the harness's teeth (1).
 */
public final class ExitCodes {
    /** Every test ran, nothing FORBIDDEN showed, every canary fired. */
    public static final int PASSED = 0;
    /** A FORBIDDEN outcome showed, or a canary stayed silent in a healthy run. */
    public static final int REGRESSION = 1;
    /** Bad options, a missing jar, a budget too small to run the tests, an unusable output folder. */
    public static final int USAGE = 2;
    /** TIMEOUT, a test error, a crashed or killed jcstress, fewer tests ran than the jar holds. */
    public static final int HARNESS = 3;

    private ExitCodes() {
    }

    /** The word summary.json and summary.txt use for a code. */
    public static String name(int code) {
        return switch (code) {
            case PASSED -> "PASSED";
            case REGRESSION -> "REGRESSION";
            case USAGE -> "USAGE";
            case HARNESS -> "HARNESS_FAILURE";
            default -> "EXIT_" + code;
        };
    }
}
