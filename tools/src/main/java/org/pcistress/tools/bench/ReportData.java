package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A run's results arranged for reading: by class, by method, with the parameter that is the
 * swept size (N) and the one that is the strategy, and each result's cost relative to the first
 * strategy at the same other parameters.
 */
final class ReportData {
    final List<JmhResult> results;
    final RunInfo run;
    /** The comparison with a baseline whose verdicts head the report; {@code null} when there was none. */
    final Comparison comparison;
    /** The link back to the report index ({@code ../index.html} inside a job's report); {@code null} for none. */
    final String indexLink;
    /** One colour per strategy across the report's charts. */
    final Palette palette = new Palette();

    ReportData(List<JmhResult> results, RunInfo run) {
        this(results, run, null, null);
    }

    ReportData(List<JmhResult> results, RunInfo run, Comparison comparison, String indexLink) {
        this.results = results;
        this.run = run;
        this.comparison = comparison;
        this.indexLink = indexLink;
    }

    /** Results by simple class name, in run order. */
    Map<String, List<JmhResult>> byClass() {
        Map<String, List<JmhResult>> out = new LinkedHashMap<>();
        for (JmhResult r : results) {
            out.computeIfAbsent(r.className(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Results by method and mode, in run order. */
    static Map<String, List<JmhResult>> byMethod(List<JmhResult> rs) {
        Map<String, List<JmhResult>> out = new LinkedHashMap<>();
        for (JmhResult r : rs) {
            out.computeIfAbsent(r.method() + " " + r.mode(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The values {@code param} takes among {@code rs}, in run order (JMH runs them in {@code @Param} order). */
    static List<String> values(List<JmhResult> rs, String param) {
        Set<String> v = new LinkedHashSet<>();
        for (JmhResult r : rs) {
            String x = r.params().get(param);
            if (x != null) {
                v.add(x);
            }
        }
        return new ArrayList<>(v);
    }

    /** The first parameter that varies and is numeric among one method's results (the size N), or null. */
    static String sizeParam(List<JmhResult> rs) {
        return firstParam(rs, true);
    }

    /** The first parameter that varies and is not numeric (the strategy), or null. */
    static String strategyParam(List<JmhResult> rs) {
        return firstParam(rs, false);
    }

    private static String firstParam(List<JmhResult> rs, boolean numeric) {
        if (rs.isEmpty()) {
            return null;
        }
        for (String p : rs.get(0).params().keySet()) {
            List<String> vs = values(rs, p);
            if (vs.size() > 1 && vs.stream().allMatch(ReportData::isNumber) == numeric) {
                return p;
            }
        }
        return null;
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The result {@code r} is measured against: same method, mode and other parameters, the first
     * value of the strategy parameter. {@code null} when the method has no strategy parameter.
     */
    JmhResult reference(JmhResult r) {
        List<JmhResult> same = results.stream()
                .filter(x -> x.benchmark().equals(r.benchmark()) && x.mode().equals(r.mode())).toList();
        String s = strategyParam(same);
        if (s == null) {
            return null;
        }
        String first = values(same, s).get(0);
        for (JmhResult x : same) {
            if (first.equals(x.params().get(s)) && sameExcept(x.params(), r.params(), s)) {
                return x;
            }
        }
        return null;
    }

    /**
     * How many times the reference's cost {@code r} has: time over reference time, or reference
     * throughput over throughput, so that above 1 is always slower; for sample mode, of the medians.
     * {@code NaN} without a reference.
     */
    double costRatio(JmhResult r) {
        JmhResult ref = reference(r);
        if (ref == null || !ref.primary().unit().equals(r.primary().unit())) {
            return Double.NaN;
        }
        double a = central(r);
        double b = central(ref);
        return r.higherIsBetter() ? b / a : a / b;
    }

    /** What a chart or a ratio shows of a result: the median for sample mode (when known), else the score. */
    static double central(JmhResult r) {
        Double p50 = r.percentiles().get("50.0");
        return "sample".equals(r.mode()) && p50 != null && p50 > 0 ? p50 : r.primary().score();
    }

    /**
     * Is {@code r}'s ratio to its reference inside the noise? By Welch's test on the two results'
     * iterations (sample mode: their medians) at 5%, or lacking iterations, overlapping 99.9% intervals.
     */
    boolean ratioIsNoise(JmhResult r) {
        JmhResult ref = reference(r);
        if (ref == null || ref == r) {
            return false;
        }
        boolean p50 = "sample".equals(r.mode()) && r.iterations().hasPercentiles() && ref.iterations().hasPercentiles();
        double[] a = Iterations.all(p50 ? ref.iterations().p50() : ref.iterations().scores());
        double[] b = Iterations.all(p50 ? r.iterations().p50() : r.iterations().scores());
        try {
            if (a.length >= 2 && b.length >= 2) {
                return Welch.test(a, b, 0.05, 0.8).p() > 0.05;
            }
        } catch (IllegalArgumentException e) {
            // a value that is not positive: fall back to the intervals
        }
        Metric m = r.primary();
        Metric n = ref.primary();
        return !m.hasInterval() || !n.hasInterval() || !(m.ciHigh() < n.ciLow() || m.ciLow() > n.ciHigh());
    }

    boolean isReference(JmhResult r) {
        return reference(r) == r;
    }

    private static boolean sameExcept(Map<String, String> a, Map<String, String> b, String except) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!k.equals(except) && !Objects.equals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** {@code "checking=jdk"}: a label of the parameters other than {@code except}. */
    static String paramsExcept(Map<String, String> params, String except) {
        Map<String, String> m = new LinkedHashMap<>(params);
        m.remove(except);
        String s = Fmt.params(m);
        return s.isEmpty() ? "" : s.substring(1, s.length() - 1);
    }

    static boolean anyAllocation(List<JmhResult> rs) {
        return rs.stream().anyMatch(r -> r.allocationPerOp() != null);
    }

    static boolean anyPercentiles(List<JmhResult> rs) {
        return rs.stream().anyMatch(r -> "sample".equals(r.mode()) && !r.percentiles().isEmpty());
    }

    /** The percentile keys a latency table shows, in order, where present. */
    static final List<String> PERCENTILES = List.of("50.0", "90.0", "99.0", "99.9", "99.99", "100.0");

    /** Every JVM the results name, usually one: {@code OpenJDK 64-Bit Server VM 17.0.15+6 (JDK 17.0.15)}. */
    Set<String> vms() {
        Set<String> out = new LinkedHashSet<>();
        for (JmhResult r : results) {
            JmhResult.Vm v = r.vm();
            out.add(v.vmName() + " " + v.vmVersion() + " (JDK " + v.jdkVersion() + "), JMH " + v.jmhVersion());
        }
        return out;
    }

    Set<String> settings() {
        Set<String> out = new LinkedHashSet<>();
        for (JmhResult r : results) {
            if (!r.settings().isEmpty()) {
                out.add(r.settings());
            }
        }
        return out;
    }

    /** The column titles of {@link #rows}. */
    static final List<String> COLUMNS = List.of("Benchmark", "Parameters", "Mode", "Threads", "Samples",
            "Score ± error (99.9%)", "Unit", "× ref", "Alloc B/op");

    /** One table row per result of one class, cells as text; the allocation column only with -prof gc. */
    List<List<String>> rows(List<JmhResult> rs) {
        boolean alloc = anyAllocation(rs);
        List<List<String>> out = new ArrayList<>();
        for (JmhResult r : rs) {
            List<String> row = new ArrayList<>(List.of(r.method(), Fmt.params(r.params()), r.mode(),
                    Integer.toString(r.threads()), Long.toString(r.samples()),
                    Fmt.scoreWithError(r.primary().score(), r.primary().error()), r.primary().unit()));
            double ratio = costRatio(r);
            row.add(isReference(r) ? "1.00× (ref)" : Double.isNaN(ratio) ? ""
                    : (ratioIsNoise(r) ? "~" : "") + Fmt.ratio(ratio));
            if (alloc) {
                Metric m = r.allocationPerOp();
                row.add(m == null ? "" : Fmt.scoreWithError(m.score(), m.error()));
            }
            out.add(row);
        }
        return out;
    }

    /** The column titles for {@code rs}: without the allocation column unless one has it. */
    static List<String> columns(List<JmhResult> rs) {
        return anyAllocation(rs) ? COLUMNS : COLUMNS.subList(0, COLUMNS.size() - 1);
    }

    /** Latency rows for the sample-mode results of one class: name, parameters, percentiles, unit. */
    static List<List<String>> percentileRows(List<JmhResult> rs) {
        List<List<String>> out = new ArrayList<>();
        for (JmhResult r : rs) {
            if (!"sample".equals(r.mode()) || r.percentiles().isEmpty()) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(r.method(), Fmt.params(r.params())));
            for (String p : PERCENTILES) {
                Double v = r.percentiles().get(p);
                row.add(v == null ? "" : Fmt.num(v));
            }
            row.add(r.primary().unit());
            out.add(row);
        }
        return out;
    }

    static List<String> percentileColumns() {
        List<String> out = new ArrayList<>(List.of("Benchmark", "Parameters"));
        for (String p : PERCENTILES) {
            out.add(Fmt.percentile(p));
        }
        out.add("Unit");
        return out;
    }

    /** The header facts: settings, commands, machine, JVM, time. */
    List<List<String>> header() {
        List<List<String>> out = new ArrayList<>();
        String settings = String.join("; ", settings());
        out.add(List.of("Settings", run.settings() + (settings.isEmpty() ? "" : ": " + settings)));
        if (!run.command().isEmpty()) {
            out.add(List.of("Command", run.command()));
        }
        if (!run.jmh().isEmpty()) {
            out.add(List.of("JMH command", String.join(" ", run.jmh())));
        }
        out.add(List.of("Machine", run.machine() == null ? "unknown" : run.machine().describe()));
        out.add(List.of("JVM", String.join("; ", vms())));
        if (!run.started().isEmpty()) {
            out.add(List.of("Started", run.started() + ", took " + run.seconds() + " s"));
        }
        return out;
    }

    static final String HOW_TO_READ = "Scores are JMH's: the mean and the half-width of its 99.9% confidence "
            + "interval (± ? when a single measurement gives none). × ref is the cost relative to the first value "
            + "of the strategy parameter at the same other parameters: a time ratio, or the inverse throughput "
            + "ratio, so 2.00× always means twice as slow; for sample mode, the ratio of the medians. A ratio "
            + "marked ~ is inside the noise (Welch's test on the iterations at 5%, or overlapping intervals): do "
            + "not quote it. Charts draw sample-mode results as their median (p50) with a tick or a dashed line at "
            + "p99, never the mean, and size sweeps on log-log axes; a colour is a strategy, the same in every chart.";

    static final String QUICK_WARNING = "Quick settings: a smoke run for CI. The errors are wide and the machine "
            + "may have been busy; take numbers from a full run on a quiet machine.";
}
