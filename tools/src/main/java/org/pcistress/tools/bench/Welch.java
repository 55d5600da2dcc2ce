package org.pcistress.tools.bench;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's t-test on the logarithms of two sets of iteration measurements, with the interval of the
 * change and the smallest change the data could detect.
 *
 * <p>Why logarithms: benchmark noise is multiplicative (a busy machine slows everything by a
 * factor), a change is a ratio, and a throughput and a time per operation are then the same test
 * with the sign flipped. The change is the ratio of geometric means minus one.
 *
 * @param change   new over base, minus one ({@code 0.10} is 10% higher)
 * @param low      lower end of the change's {@code 1 - alpha} interval
 * @param high     upper end
 * @param p        two-sided p-value of "no change"
 * @param df       Welch–Satterthwaite degrees of freedom
 * @param mde      minimum detectable change: the smallest ratio change (either way, as a positive
 *                 fraction) this test finds with probability {@code power} at level {@code alpha}
 */
public record Welch(double change, double low, double high, double p, double df, double mde) {

    /**
     * Tests {@code now} against {@code base}; both must hold at least two positive values.
     *
     * @param alpha the level of the interval and of the detectable change (two-sided)
     * @param power the probability of detecting a change of size {@link #mde}
     */
    public static Welch test(double[] base, double[] now, double alpha, double power) {
        if (base.length < 2 || now.length < 2) {
            throw new IllegalArgumentException("Welch's test needs two values a side");
        }
        double[] a = logs(base);
        double[] b = logs(now);
        double ma = mean(a);
        double mb = mean(b);
        double qa = var(a, ma) / a.length;
        double qb = var(b, mb) / b.length;
        double se = Math.sqrt(qa + qb);
        double d = mb - ma;
        double df = se == 0 ? a.length + b.length - 2
                : (qa + qb) * (qa + qb) / (qa * qa / (a.length - 1) + qb * qb / (b.length - 1));
        TDistribution t = new TDistribution(df);
        double p = se == 0 ? (d == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(d) / se);
        double tAlpha = t.inverseCumulativeProbability(1 - alpha / 2);
        double tPower = t.inverseCumulativeProbability(power);
        return new Welch(Math.expm1(d), Math.expm1(d - tAlpha * se), Math.expm1(d + tAlpha * se), p, df,
                Math.expm1((tAlpha + tPower) * se));
    }

    private static double[] logs(double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            if (!(xs[i] > 0) || !Double.isFinite(xs[i])) {
                throw new IllegalArgumentException("not a positive measurement: " + xs[i]);
            }
            out[i] = Math.log(xs[i]);
        }
        return out;
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    private static double var(double[] xs, double m) {
        double s = 0;
        for (double x : xs) {
            s += (x - m) * (x - m);
        }
        return s / (xs.length - 1);
    }
}
