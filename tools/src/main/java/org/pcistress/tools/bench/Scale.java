package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.List;

/** A chart axis: maps data values to pixels, linearly or by decades, and picks round tick values. */
final class Scale {
    final double lo;
    final double hi;
    final List<Double> ticks;
    private final double p0;
    private final double p1;
    private final boolean log;
    private final double step;

    private Scale(double lo, double hi, double p0, double p1, boolean log, List<Double> ticks, double step) {
        this.step = step;
        this.lo = lo;
        this.hi = hi;
        this.p0 = p0;
        this.p1 = p1;
        this.log = log;
        this.ticks = ticks;
    }

    /** A linear axis over [lo, hi]; {@code round} widens it to the outer ticks. */
    static Scale linear(double lo, double hi, double p0, double p1, boolean round) {
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.1;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / 5);
        List<Double> ticks = new ArrayList<>();
        double first = Math.ceil(lo / step - 1e-9) * step;
        if (round) {
            first = Math.floor(lo / step + 1e-9) * step;
            hi = Math.ceil(hi / step - 1e-9) * step;
            lo = first;
        }
        for (double t = first; t <= hi + step * 1e-6; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return new Scale(lo, hi, p0, p1, false, ticks, step);
    }

    /** A log axis over [lo, hi] (both positive), ticks at 1, 2, 5 × powers of ten. */
    static Scale log(double lo, double hi, double p0, double p1) {
        lo = lo > 0 ? lo : Math.max(hi / 1000, Double.MIN_NORMAL);
        hi = Math.max(hi, lo * 1.0001);
        double a = Math.pow(10, Math.floor(Math.log10(lo)));
        double b = Math.pow(10, Math.ceil(Math.log10(hi)));
        boolean few = Math.log10(b / a) <= 2;
        List<Double> ticks = new ArrayList<>();
        for (double d = a; d <= b * 1.0001; d *= 10) {
            for (double m : few ? new double[] {1, 2, 5} : new double[] {1}) {
                double t = d * m;
                if (t >= a && t <= b * 1.0001) {
                    ticks.add(t);
                }
            }
        }
        return new Scale(a, b, p0, p1, true, ticks, Double.NaN);
    }

    /** A tick's text: as many decimals as the tick step needs (a log tick, as many as its value needs). */
    String label(double t) {
        if (log) {
            return Fmt.num(t, t >= 1 ? 0 : (int) Math.ceil(-Math.log10(t)));
        }
        return Fmt.num(t, step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9));
    }

    /** The pixel of value {@code v}. */
    double at(double v) {
        double t = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (v - lo) / (hi - lo);
        return p0 + t * (p1 - p0);
    }

    /** 1, 2 or 5 times a power of ten, the smallest not below {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
    }
}
