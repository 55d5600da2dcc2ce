package org.pcistress.tools.bench;

/**
 * One benchmark result in both runs and the verdict on the change.
 *
 * @param base      the result in the baseline run
 * @param now       the result in the new run, its scores converted to the baseline's unit
 * @param changePct {@code (new - base) / base}, in percent
 * @param sigmas    {@code |new - base|} in units of the combined standard error; {@code NaN} if unknown
 * @param disjoint  do the two 99.9% confidence intervals not overlap?
 */
public record Delta(JmhResult base, Metric now, double changePct, double sigmas, boolean disjoint, Verdict verdict) {

    /** Did the score move in the bad direction for its mode? */
    public boolean worse() {
        return base.higherIsBetter() ? changePct < 0 : changePct > 0;
    }

    /** One line: verdict, benchmark, parameters, both scores, the change and why it counts. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-11s ", verdict)).append(base.label()).append(": ")
                .append(Fmt.scoreWithError(base.primary().score(), base.primary().error())).append(" → ")
                .append(now.describe()).append(" (").append(Fmt.percent(changePct));
        if (verdict != Verdict.UNCHANGED) {
            b.append(worse() ? ", worse" : ", better");
            b.append(disjoint ? "; intervals disjoint" : "; intervals overlap");
            b.append(Double.isFinite(sigmas) ? String.format("; |Δ| = %.1fσ", sigmas) : "; σ unknown");
        }
        return b.append(')').toString();
    }
}
