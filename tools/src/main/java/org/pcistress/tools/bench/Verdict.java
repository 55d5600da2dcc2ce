package org.pcistress.tools.bench;

/** What {@link Comparison} concludes about one benchmark result between two runs. */
public enum Verdict {
    /** Worse by more than the threshold and outside the noise. */
    REGRESSION,
    /** Better by more than the threshold and outside the noise. */
    IMPROVEMENT,
    /** Changed by more than the threshold, but within the noise of the two runs. */
    NOISE,
    /** Changed by no more than the threshold. */
    UNCHANGED,
    /** Changed by more than the threshold, but a run has no error estimate (a single iteration). */
    UNDECIDED
}
