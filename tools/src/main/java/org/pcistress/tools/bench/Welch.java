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
        return test(a, a.length, b, b.length, alpha, power);
    }

    /**
     * Tests {@code now} against {@code base} given per fork: iterations of one JVM are not independent
     * of each other (JIT decisions, code layout and the machine's state at launch are shared), so
     * each side counts as fewer observations than it has iterations. How many is Kish's design
     * effect: {@code n_eff = n / (1 + (m - 1) rho)}, with {@code m} the iterations per fork and
     * {@code rho} the intra-class correlation of the logarithms (one-way analysis of variance across
     * forks, clamped to [0, 1]). Forks that agree leave every iteration counted; forks that landed
     * apart count little more than one observation each, and the interval widens to match. With one
     * fork there is no between-fork variance to estimate and the iterations count as they are (the
     * gate calls a result with fewer than two forks a side UNDECIDED anyway).
     */
    public static Welch clustered(java.util.List<double[]> base, java.util.List<double[]> now, double alpha,
                                  double power) {
        double[] a = logs(Iterations.all(base));
        double[] b = logs(Iterations.all(now));
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("Welch's test needs two values a side");
        }
        return test(a, effective(base, a), b, effective(now, b), alpha, power);
    }

    /** The effective number of observations of {@code logs}, which are {@code forks} flattened. */
    static double effective(java.util.List<double[]> forks, double[] logs) {
        int k = Iterations.forks(forks);
        int n = logs.length;
        if (k < 2 || n == k) {
            return n;
        }
        double grand = mean(logs);
        double ssb = 0;
        double ssw = 0;
        double sumSq = 0;
        int at = 0;
        for (double[] f : forks) {
            if (f.length == 0) {
                continue;
            }
            double m = 0;
            for (int i = 0; i < f.length; i++) {
                m += logs[at + i];
            }
            m /= f.length;
            for (int i = 0; i < f.length; i++) {
                ssw += (logs[at + i] - m) * (logs[at + i] - m);
            }
            ssb += f.length * (m - grand) * (m - grand);
            sumSq += (double) f.length * f.length;
            at += f.length;
        }
        double msb = ssb / (k - 1);
        double msw = ssw / (n - k);
        double m0 = (n - sumSq / n) / (k - 1);
        double denominator = msb + (m0 - 1) * msw;
        double rho = denominator <= 0 ? 0 : Math.max(0, Math.min(1, (msb - msw) / denominator));
        return n / (1 + ((double) n / k - 1) * rho);
    }

    /** Welch's test on logarithms with each side's effective number of observations. */
    private static Welch test(double[] a, double na, double[] b, double nb, double alpha, double power) {
        double ma = mean(a);
        double mb = mean(b);
        double qa = var(a, ma) / na;
        double qb = var(b, mb) / nb;
        double se = Math.sqrt(qa + qb);
        double d = mb - ma;
        double df = se == 0 ? Math.max(1, na + nb - 2)
                : Math.max(1, (qa + qb) * (qa + qb) / (qa * qa / Math.max(1, na - 1) + qb * qb / Math.max(1, nb - 1)));
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
