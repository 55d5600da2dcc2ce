package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcistress.tools.cli.BadInput;

/**
 * Compares two JMH runs result by result. The regression rule (docs/BENCH.md):
 *
 * <p>A result regresses when its score moved in the bad direction for its mode (lower throughput;
 * higher time in {@code avgt}, {@code sample}, {@code ss}) by more than the threshold, <em>and</em>
 * the move is outside the noise: the two 99.9% confidence intervals JMH reports do not overlap, or
 * {@code |new - base| > 2σ} with {@code σ = sqrt(σ_base² + σ_new²)}, each σ the standard error of
 * that run's score. A large move in the good direction by the same test is an improvement; a large
 * move inside the noise is noise; a large move with no error estimate on either side (one
 * iteration) is undecided, never a regression.
 */
public final class Comparison {
    private final List<Delta> deltas = new ArrayList<>();
    private final List<JmhResult> onlyInBase = new ArrayList<>();
    private final List<JmhResult> onlyInNew = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private Comparison() {
    }

    /**
     * Compares {@code now} against {@code base}.
     *
     * @throws BadInput when the two runs have no result in common
     */
    public static Comparison of(List<JmhResult> base, List<JmhResult> now, double thresholdPct) {
        Comparison c = new Comparison();
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        for (JmhResult r : now) {
            byKey.put(r.key(), r);
        }
        for (JmhResult b : base) {
            JmhResult n = byKey.remove(b.key());
            if (n == null) {
                c.onlyInBase.add(b);
                continue;
            }
            double f = Units.factor(n.primary().unit(), b.primary().unit());
            if (Double.isNaN(f)) {
                c.skipped.add(b.label() + ": units differ (" + b.primary().unit() + " vs " + n.primary().unit()
                        + "), not compared");
                continue;
            }
            c.deltas.add(judge(b, n, f, thresholdPct));
        }
        c.onlyInNew.addAll(byKey.values());
        if (c.deltas.isEmpty() && c.skipped.isEmpty()) {
            throw new BadInput("the two runs have no benchmark in common (baseline: " + base.size()
                    + " results, e.g. " + base.get(0).label() + "; new: " + now.size() + " results, e.g. "
                    + now.get(0).label() + ")");
        }
        return c;
    }

    static Delta judge(JmhResult base, JmhResult now, double factor, double thresholdPct) {
        Metric b = base.primary();
        Metric n = scaled(now.primary(), factor, b.unit());
        double diff = n.score() - b.score();
        double changePct = b.score() == 0 ? Double.NaN : 100.0 * diff / Math.abs(b.score());
        boolean disjoint = b.hasInterval() && n.hasInterval() && (n.ciHigh() < b.ciLow() || n.ciLow() > b.ciHigh());
        double sigma = Math.sqrt(sq(base.stdErr()) + sq(now.stdErr() * factor));
        double sigmas = Double.isFinite(sigma) ? (sigma == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY)
                : Math.abs(diff) / sigma) : Double.NaN;
        boolean noiseKnown = (b.hasInterval() && n.hasInterval()) || Double.isFinite(sigmas);
        boolean outside = disjoint || (Double.isFinite(sigmas) ? sigmas > 2 : sigmas == Double.POSITIVE_INFINITY);
        Verdict v;
        if (Double.isNaN(changePct) || !noiseKnown) {
            v = Double.isNaN(changePct) || Math.abs(changePct) > thresholdPct ? Verdict.UNDECIDED : Verdict.UNCHANGED;
        } else if (Math.abs(changePct) <= thresholdPct) {
            v = Verdict.UNCHANGED;
        } else if (!outside) {
            v = Verdict.NOISE;
        } else {
            boolean worse = base.higherIsBetter() ? diff < 0 : diff > 0;
            v = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
        }
        return new Delta(base, n, changePct, sigmas, disjoint, v);
    }

    private static Metric scaled(Metric m, double f, String unit) {
        return new Metric(m.score() * f, m.error() * f, m.ciLow() * f, m.ciHigh() * f, unit);
    }

    private static double sq(double x) {
        return x * x;
    }

    public List<Delta> deltas() {
        return deltas;
    }

    public List<JmhResult> onlyInBase() {
        return onlyInBase;
    }

    public List<JmhResult> onlyInNew() {
        return onlyInNew;
    }

    /** Results present on both sides whose units could not be reconciled. */
    public List<String> skipped() {
        return skipped;
    }

    public List<Delta> with(Verdict v) {
        return deltas.stream().filter(d -> d.verdict() == v).toList();
    }

    public boolean hasRegression() {
        return !with(Verdict.REGRESSION).isEmpty();
    }
}
