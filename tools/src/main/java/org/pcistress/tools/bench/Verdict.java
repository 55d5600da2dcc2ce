package org.pcistress.tools.bench;

/** What {@link Comparison} concludes about one benchmark result between two runs. */
public enum Verdict {
    /** Worse by more than the threshold, and significant across the family (Holm). */
    REGRESSION,
    /** Better by more than the threshold, and significant across the family (Holm). */
    IMPROVEMENT,
    /**
     * The data could have seen a change of the threshold's size (its detectable change is within
     * the threshold) and saw none: not significant, or significant but within the threshold.
     */
    NOISE,
    /**
     * The data could not have told: fewer than two forks a side, no per-iteration data, or a
     * detectable change larger than the threshold. Never a regression, whatever the scores say.
     */
    UNDECIDED,
    /** Measured under different JMH settings or JDKs (or, for a whole run, on another machine). */
    NOT_COMPARABLE
}
