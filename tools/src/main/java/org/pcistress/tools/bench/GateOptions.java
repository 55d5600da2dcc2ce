package org.pcistress.tools.bench;

/**
 * The regression gate's settings.
 *
 * @param thresholdPct the smallest change that counts, in percent (a benchmark that could not
 *                     detect a change this small is UNDECIDED)
 * @param alpha        the family-wise false-alarm rate (Holm), and the level of each interval
 * @param power        the probability with which the detectable change is detected
 * @param force        compare results measured under different JMH settings or JDKs anyway
 */
public record GateOptions(double thresholdPct, double alpha, double power, boolean force) {
    public static final double ALPHA = 0.05;
    public static final double POWER = 0.8;

    /** The defaults with {@code thresholdPct}. */
    public static GateOptions threshold(double thresholdPct) {
        return new GateOptions(thresholdPct, ALPHA, POWER, false);
    }

    /** The threshold as a fraction. */
    double threshold() {
        return thresholdPct / 100;
    }
}
