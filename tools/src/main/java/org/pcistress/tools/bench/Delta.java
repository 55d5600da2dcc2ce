package org.pcistress.tools.bench;

/**
 * One benchmark result in both runs and the verdict on the change.
 *
 * @param base      the result in the baseline run
 * @param now       the result in the new run
 * @param statistic what was tested: {@code score} (the iteration scores) or {@code p50} (each
 *                  sample-mode iteration's median)
 * @param baseValue the statistic in the baseline: JMH's score, or the run's median
 * @param newValue  the same in the new run, in the baseline's unit
 * @param test      Welch's test on the iterations; {@code null} when there was nothing to test
 * @param pHolm     the test's p-value adjusted across the family (Holm); {@code NaN} if not tested
 * @param verdict   the verdict
 * @param why       for UNDECIDED and NOT_COMPARABLE, the reason; otherwise empty
 */
public record Delta(JmhResult base, JmhResult now, String statistic, double baseValue, double newValue, Welch test,
        double pHolm, Verdict verdict, String why) {

    /** The unit both values are in (the baseline's). */
    public String unit() {
        return base.primary().unit();
    }

    /** The change of the statistic, {@code new / base - 1}: the test's (geometric) when there is one. */
    public double change() {
        return test != null ? test.change() : baseValue > 0 ? newValue / baseValue - 1 : Double.NaN;
    }

    /** Did the statistic move the bad way for its mode (lower throughput, higher time)? */
    public boolean worse() {
        return base.higherIsBetter() ? change() < 0 : change() > 0;
    }

    /**
     * One line, verdict first: {@code REGRESSION  AerBench_01_BusWalk.walk [n=256, …] avgt: 18.79 → 20.67 us/op
     * +10.0% [+8.2%, +11.9%], detectable 3.1%, p 0.0001 (Holm 0.0012)}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-14s ", verdict)).append(base.label()).append(": ")
                .append(Fmt.num(baseValue)).append(" → ").append(Fmt.num(newValue)).append(' ').append(unit());
        if (!"score".equals(statistic)) {
            b.append(" (").append(statistic).append(')');
        }
        double c = change();
        if (Double.isFinite(c)) {
            b.append(' ').append(Fmt.percent(100 * c));
        }
        if (test != null) {
            b.append(" [").append(Fmt.percent(100 * test.low())).append(", ").append(Fmt.percent(100 * test.high()))
                    .append("], detectable ").append(Fmt.num(100 * test.mde(), 1)).append('%')
                    .append(String.format(java.util.Locale.ROOT, ", p %.2g", test.p()));
            if (Double.isFinite(pHolm)) {
                b.append(String.format(java.util.Locale.ROOT, " (Holm %.2g)", pHolm));
            }
        }
        if (!why.isEmpty()) {
            b.append("; ").append(why);
        }
        return b.toString();
    }
}
