package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcistress.tools.cli.BadInput;

/**
 * Compares two JMH runs result by result. The rule (docs/BENCH.md, "The regression rule"):
 *
 * <ol>
 *   <li>Results measured under different JMH settings or JDKs are NOT_COMPARABLE (unless forced).</li>
 *   <li>The test runs on the iterations, not on single operations: the iteration scores, or for
 *       sample mode each iteration's median from its histogram. Fewer than two forks on a side
 *       hides the run-to-run variance: UNDECIDED.</li>
 *   <li>Welch's t-test on the logarithms gives the change, its interval and the minimum detectable
 *       change (at {@code alpha}, {@code power}), each side weighed by its effective number of
 *       observations: iterations of one fork count less when the forks disagree (Kish's design
 *       effect, {@link Welch#clustered}). A detectable change above the threshold: UNDECIDED.</li>
 *   <li>The p-values of the remaining results are adjusted together (Holm), so the chance of any
 *       false alarm in the comparison stays at most {@code alpha}. Significant and beyond the
 *       threshold: REGRESSION or IMPROVEMENT by direction; otherwise NOISE.</li>
 * </ol>
 */
public final class Comparison {
    private final GateOptions options;
    private final List<Delta> deltas = new ArrayList<>();
    private final List<JmhResult> onlyInBase = new ArrayList<>();
    private final List<JmhResult> onlyInNew = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private Comparison(GateOptions options) {
        this.options = options;
    }

    /**
     * Compares {@code now} against {@code base}.
     *
     * @throws BadInput when the two runs have no result in common, or a paired result has a score
     *                  or a measurement that is not positive
     */
    public static Comparison of(List<JmhResult> base, List<JmhResult> now, GateOptions options) {
        Comparison c = new Comparison(options);
        Map<String, JmhResult> byKey = new LinkedHashMap<>();
        for (JmhResult r : now) {
            byKey.put(r.key(), r);
        }
        List<Delta> pending = new ArrayList<>();
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
            requirePositive("baseline", b);
            requirePositive("new run", n);
            pending.add(c.test(b, n, f));
        }
        c.onlyInNew.addAll(byKey.values());
        if (pending.isEmpty() && c.skipped.isEmpty()) {
            throw new BadInput("the two runs have no benchmark in common (baseline: " + base.size()
                    + " results, e.g. " + base.get(0).label() + "; new: " + now.size() + " results, e.g. "
                    + now.get(0).label() + ")");
        }
        c.decide(pending);
        return c;
    }

    private static void requirePositive(String side, JmhResult r) {
        double s = r.primary().score();
        boolean ok = s > 0 && Double.isFinite(s);
        for (double x : Iterations.all(r.iterations().scores())) {
            ok &= x > 0 && Double.isFinite(x);
        }
        if (!ok) {
            throw new BadInput("the " + side + "'s " + r.label() + " has a score or an iteration of " + Fmt.num(s)
                    + " or below zero; times and rates are positive");
        }
    }

    /** The test of one pair, before the family's correction: verdict null while it is still to be decided. */
    private Delta test(JmhResult b, JmhResult n, double f) {
        boolean p50 = "sample".equals(b.mode()) && b.iterations().hasPercentiles() && n.iterations().hasPercentiles();
        String stat = p50 ? "p50" : "score";
        List<double[]> bs = p50 ? b.iterations().p50() : b.iterations().scores();
        List<double[]> ns = p50 ? n.iterations().p50() : n.iterations().scores();
        // the values shown are what is tested: geometric means of the iterations (JMH's own without them)
        double bv = Iterations.count(bs) > 0 ? geomean(Iterations.all(bs)) : p50 ? median(b) : b.primary().score();
        double nv = (Iterations.count(ns) > 0 ? geomean(Iterations.all(ns)) : p50 ? median(n) : n.primary().score())
                * f;
        String notComparable = options.force() ? "" : notComparable(b, n);
        if (!notComparable.isEmpty()) {
            return new Delta(b, n, stat, bv, nv, null, Double.NaN, Verdict.NOT_COMPARABLE, notComparable);
        }
        int forks = Math.min(Iterations.forks(bs), Iterations.forks(ns));
        if (Iterations.count(bs) < 2 || Iterations.count(ns) < 2) {
            return new Delta(b, n, stat, bv, nv, null, Double.NaN, Verdict.UNDECIDED,
                    "fewer than two iterations on a side: no noise estimate");
        }
        List<double[]> nowForks = new ArrayList<>();
        for (double[] fork : ns) {
            double[] scaled = fork.clone();
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] *= f;
            }
            nowForks.add(scaled);
        }
        Welch w = Welch.clustered(bs, nowForks, options.alpha(), options.power());
        if (forks < 2) {
            return new Delta(b, n, stat, bv, nv, w, Double.NaN, Verdict.UNDECIDED,
                    "one fork on a side: the run-to-run variance is unseen");
        }
        if (w.mde() > options.threshold()) {
            return new Delta(b, n, stat, bv, nv, w, Double.NaN, Verdict.UNDECIDED,
                    "could not detect a change under " + Fmt.num(100 * w.mde(), 1) + "%");
        }
        double spread = Math.max(forkSpread(bs), forkSpread(ns));
        return new Delta(b, n, stat, bv, nv, w, Double.NaN, null, spread > 0 ? Double.toString(spread) : "");
    }

    /**
     * How far apart the forks of one side landed: the largest fork's geometric mean over the
     * smallest, minus one. JMH forks differ by more than their iterations vary (JIT decisions, code
     * layout), and a t-test on iterations underrates that; a change within this spread is not called.
     */
    static double forkSpread(List<double[]> forks) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] f : forks) {
            if (f.length > 0) {
                double g = geomean(f);
                lo = Math.min(lo, g);
                hi = Math.max(hi, g);
            }
        }
        return hi > 0 && lo > 0 ? hi / lo - 1 : 0;
    }

    private static double geomean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += Math.log(x);
        }
        return Math.exp(s / xs.length);
    }

    /** Holm across the results still to be decided, then the verdicts. */
    private void decide(List<Delta> pending) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i).verdict() == null) {
                open.add(i);
            }
        }
        double[] p = new double[open.size()];
        for (int k = 0; k < p.length; k++) {
            p[k] = pending.get(open.get(k)).test().p();
        }
        double[] adjusted = Holm.adjust(p);
        for (int k = 0; k < p.length; k++) {
            Delta d = pending.get(open.get(k));
            boolean significant = adjusted[k] <= options.alpha();
            double change = d.test().change();
            boolean large = Math.abs(change) > options.threshold();
            double spread = d.why().isEmpty() ? 0 : Double.parseDouble(d.why()); // carried from test()
            Verdict v = significant && large ? (d.worse() ? Verdict.REGRESSION : Verdict.IMPROVEMENT) : Verdict.NOISE;
            String why = "";
            if (v != Verdict.NOISE && Math.abs(Math.log1p(change)) <= Math.log1p(spread)) {
                v = Verdict.UNDECIDED;
                why = "the change is within the spread between forks (" + Fmt.num(100 * spread, 1) + "%)";
            }
            pending.set(open.get(k), new Delta(d.base(), d.now(), d.statistic(), d.baseValue(), d.newValue(), d.test(),
                    adjusted[k], v, why));
        }
        deltas.addAll(pending);
    }

    /**
     * Why two results of the same benchmark do not compare (warm-up, iteration time, JVM), or empty.
     * The number of forks and of measured iterations may differ: the test weighs each side by its own.
     */
    static String notComparable(JmhResult b, JmhResult n) {
        if (!b.settings().isEmpty() && !n.settings().isEmpty() && !shape(b.settings()).equals(shape(n.settings()))) {
            return "JMH settings differ (" + b.settings() + " vs " + n.settings() + ")";
        }
        String bj = b.vm().vmVersion();
        String nj = n.vm().vmVersion();
        if (!bj.isEmpty() && !nj.isEmpty() && !bj.equals(nj)) {
            return "JVMs differ (" + bj + " vs " + nj + ")";
        }
        return "";
    }

    /** {@code fork 2, warmup 5 × 1 s, measurement 5 × 1 s} without the counts that only add data. */
    private static String shape(String settings) {
        return settings.replaceAll("fork \\d+, ", "").replaceAll("measurement \\d+ × ", "measurement × ");
    }

    /** A sample-mode result's median over the whole run: JMH's, else the median of its iterations' medians. */
    private static double median(JmhResult r) {
        Double p = r.percentiles().get("50.0");
        if (p != null && p > 0) {
            return p;
        }
        double[] all = Iterations.all(r.iterations().p50());
        Arrays.sort(all);
        return all[all.length / 2];
    }

    /** The median change over every tested result: a machine-wide shift shows here. {@code NaN} if none. */
    public double medianChange() {
        double[] cs = deltas.stream().filter(d -> d.test() != null).mapToDouble(d -> d.test().change()).sorted()
                .toArray();
        if (cs.length == 0) {
            return Double.NaN;
        }
        return cs.length % 2 == 1 ? cs[cs.length / 2] : (cs[cs.length / 2 - 1] + cs[cs.length / 2]) / 2;
    }

    public GateOptions options() {
        return options;
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
