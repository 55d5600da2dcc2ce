package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The verdict table that heads a report: each benchmark against the baseline, its change, the
 * change's 95% interval, the smallest change the data could detect, and the verdict; the
 * regressions first, then improvements, undecided, not comparable, noise.
 */
final class VerdictTable {
    static final List<String> COLUMNS = List.of("Verdict", "Benchmark", "Baseline", "New", "Change", "Interval",
            "Detectable", "Why");

    private VerdictTable() {
    }

    static List<List<String>> rows(Comparison c) {
        List<Delta> ds = new ArrayList<>(c.deltas());
        ds.sort(Comparator.comparingInt(VerdictTable::rank));
        List<List<String>> out = new ArrayList<>();
        for (Delta d : ds) {
            Welch w = d.test();
            String unit = d.unit() + ("score".equals(d.statistic()) ? "" : " (" + d.statistic() + ")");
            out.add(List.of(d.verdict().name(), d.base().label(), Fmt.num(d.baseValue()),
                    Fmt.num(d.newValue()) + " " + unit,
                    Double.isFinite(d.change()) ? Fmt.percent(100 * d.change()) : "",
                    w == null ? "" : Fmt.percent(100 * w.low()) + " … " + Fmt.percent(100 * w.high()),
                    w == null ? "" : "±" + Fmt.num(100 * w.mde(), 1) + "%",
                    d.why()));
        }
        return out;
    }

    /** One sentence: how many of each verdict, under which settings. */
    static String summary(Comparison c) {
        return BenchCompareCommand.summary(c) + ".";
    }

    private static int rank(Delta d) {
        return switch (d.verdict()) {
            case REGRESSION -> 0;
            case IMPROVEMENT -> 1;
            case UNDECIDED -> 2;
            case NOT_COMPARABLE -> 3;
            case NOISE -> 4;
        };
    }

    static final String HOW_TO_READ = "Change: new over baseline (ratio of geometric means of the iterations; for "
            + "sample mode, of their medians). Interval: the change's 95% interval. Detectable: the smallest change "
            + "this pair of runs would catch 80% of the time at 5%; a benchmark whose detectable change exceeds the "
            + "threshold is UNDECIDED, whatever its change. Significance is corrected across all rows (Holm), so on "
            + "identical code any false REGRESSION in a comparison has a 5% chance at most, if the runs' noise is "
            + "what the iterations show (a machine whose load changes between the runs can break that).";
}
