package org.pcistress.tools.stress;

/** What one test's part of a stress run says. */
public enum Verdict {
    /** Ran, saw no FORBIDDEN outcome, and (a canary) saw its bug. */
    PASSED(false, false),
    /** A FORBIDDEN outcome (or one nothing declares) showed: a regression. */
    FAILED(true, false),
    /** A variant known to have a bug never showed it: the harness has lost its teeth. */
    CANARY_SILENT(true, false),
    /** jcstress gave up on a configuration whose threads did not finish. */
    TIMEOUT(false, true),
    /** The test threw, its VM crashed, jcstress skipped it, or it produced no samples. */
    ERROR(false, true),
    /** The jar has it, the run never reported it (killed, dropped, crashed). */
    NOT_RUN(false, true),
    /**
     * A variant whose bug must stay absent (a fix) saw nothing forbidden, but in fewer samples than
     * the budget's minimum ({@link RunPlan#minSamples()}): too little evidence to call it a pass.
     */
    INCONCLUSIVE(false, true);

    private final boolean regression;
    private final boolean harness;

    Verdict(boolean regression, boolean harness) {
        this.regression = regression;
        this.harness = harness;
    }

    /** A finding about the locking (exit 1). */
    public boolean regression() {
        return regression;
    }

    /** A failure of the harness: the run cannot vouch for anything (exit 3). */
    public boolean harness() {
        return harness;
    }
}
