package org.pcistress.tools.bench;

/**
 * One JMH metric: the score, the half-width of its 99.9% confidence interval as JMH reports it
 * ({@code scoreError}, {@code NaN} when there were too few measurements) and the interval itself.
 */
public record Metric(double score, double error, double ciLow, double ciHigh, String unit) {

    /** Is the confidence interval known (both ends finite)? */
    public boolean hasInterval() {
        return Double.isFinite(ciLow) && Double.isFinite(ciHigh);
    }

    /** {@code 35.105 ± 1.247 ns/op}. */
    public String describe() {
        return Fmt.scoreWithError(score, error) + " " + unit;
    }
}
