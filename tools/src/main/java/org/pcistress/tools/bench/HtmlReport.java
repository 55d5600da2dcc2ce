package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcistress.tools.cli.Html;

/**
 * report.html: one self-contained page (inline CSS and SVG, nothing fetched at view time): a link
 * back to the report index when there is one, a table of contents, the verdict table against the
 * baseline first, the run's header, then per benchmark class its table, its charts and its
 * latency percentiles.
 *
 * <p>Charts: a method with a numeric parameter that varies (N) gets score against N on log-log
 * axes, one line per strategy; every other result of the class goes into a bar chart per mode;
 * sample-mode results are drawn as their median with p99 beside it (never the mean) and get a
 * latency-by-percentile chart. Colours are strategies ({@link Palette}), the same in every chart.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(ReportData data) {
        StringBuilder b = new StringBuilder(Html.head("pcistress benchmark report"));
        if (data.indexLink != null) {
            b.append("<p><a href=\"").append(esc(data.indexLink)).append("\">← report index</a></p>\n");
        }
        b.append("<h1>pcistress benchmark report</h1>\n");
        toc(b, data);
        verdict(b, data);
        b.append("<h2 id=\"run\">Run</h2>\n<table>\n");
        for (List<String> row : data.header()) {
            String v = esc(row.get(1));
            b.append("<tr><th>").append(esc(row.get(0))).append("</th><td>")
                    .append(row.get(0).contains("ommand") ? "<code>" + v + "</code>" : v).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (data.run.isQuick()) {
            b.append("<p class=\"warn\">").append(esc(ReportData.QUICK_WARNING)).append("</p>\n");
        }
        b.append("<p>").append(esc(ReportData.HOW_TO_READ)).append("</p>\n");
        for (Map.Entry<String, List<JmhResult>> e : data.byClass().entrySet()) {
            List<JmhResult> rs = e.getValue();
            b.append("<h2 id=\"").append(esc(e.getKey())).append("\">").append(esc(e.getKey())).append("</h2>\n");
            table(b, ReportData.columns(rs), data.rows(rs), null);
            charts(b, data, rs);
            List<List<String>> pct = ReportData.percentileRows(rs);
            if (!pct.isEmpty()) {
                b.append("<h3>Latency percentiles (sample mode)</h3>\n");
                table(b, ReportData.percentileColumns(), pct, null);
                b.append(percentileCharts(data, rs));
            }
        }
        if (!data.run.failures().isEmpty()) {
            b.append("<h2 id=\"failed\">Failed benchmarks</h2>\n<ul>\n");
            for (String f : data.run.failures()) {
                b.append("<li><code>").append(esc(f)).append("</code></li>\n");
            }
            b.append("</ul>\n");
        }
        return b.append(Html.tail()).toString();
    }

    private static void toc(StringBuilder b, ReportData data) {
        b.append("<nav><b>Contents:</b> <a href=\"#verdict\">Verdict</a> · <a href=\"#run\">Run</a>");
        for (String cls : data.byClass().keySet()) {
            b.append(" · <a href=\"#").append(esc(cls)).append("\">").append(esc(cls)).append("</a>");
        }
        if (!data.run.failures().isEmpty()) {
            b.append(" · <a href=\"#failed\">Failed benchmarks</a>");
        }
        b.append("</nav>\n");
    }

    private static void verdict(StringBuilder b, ReportData data) {
        b.append("<h2 id=\"verdict\">Verdict against the baseline</h2>\n");
        if (data.comparison == null) {
            b.append("<p>Not compared: this run had no baseline (or was rendered on its own). "
                    + "<code>pcistress bench-compare BASELINE.json results.json --report DIR</code> puts the "
                    + "verdicts here.</p>\n");
            return;
        }
        b.append("<p>").append(esc(VerdictTable.summary(data.comparison))).append("</p>\n");
        table(b, VerdictTable.COLUMNS, VerdictTable.rows(data.comparison), 0);
        b.append("<p>").append(esc(VerdictTable.HOW_TO_READ)).append("</p>\n");
    }

    private static void charts(StringBuilder b, ReportData data, List<JmhResult> rs) {
        Set<JmhResult> plotted = new HashSet<>();
        for (List<JmhResult> method : ReportData.byMethod(rs).values()) {
            String n = ReportData.sizeParam(method);
            if (n == null) {
                continue;
            }
            boolean sample = "sample".equals(method.get(0).mode());
            Map<String, List<SvgChart.Point>> lines = new LinkedHashMap<>();
            Map<String, List<SvgChart.Point>> p99 = new LinkedHashMap<>();
            Map<String, String> colour = new LinkedHashMap<>();
            for (JmhResult r : method) {
                String name = ReportData.paramsExcept(r.params(), n);
                String key = name.isEmpty() ? r.method() : name;
                colour.put(key, data.palette.colour(Palette.strategyOf(r.params(), key)));
                double x = Double.parseDouble(r.params().get(n));
                lines.computeIfAbsent(key, k -> new ArrayList<>()).add(new SvgChart.Point(x, ReportData.central(r),
                        sample ? Double.NaN : r.primary().error()));
                Double q = r.percentiles().get("99.0");
                if (sample && q != null && q > 0) {
                    p99.computeIfAbsent(key, k -> new ArrayList<>()).add(new SvgChart.Point(x, q, Double.NaN));
                }
                plotted.add(r);
            }
            List<SvgChart.Series> series = new ArrayList<>();
            lines.forEach((k, v) -> series.add(new SvgChart.Series(sample ? k + " p50" : k, v, colour.get(k), false)));
            p99.forEach((k, v) -> series.add(new SvgChart.Series(k + " p99", v, colour.get(k), true)));
            JmhResult first = method.get(0);
            List<String> xs = ReportData.values(method, n);
            double lo = xs.stream().mapToDouble(Double::parseDouble).min().orElse(1);
            double hi = xs.stream().mapToDouble(Double::parseDouble).max().orElse(1);
            boolean logX = lo > 0 && hi / lo >= 10;
            boolean positive = method.stream().allMatch(r -> ReportData.central(r) > 0);
            // a size sweep is log-log; a sample-mode chart is log in y anyway (p99 is orders above p50)
            boolean logY = positive && (logX || sample);
            b.append(SvgChart.lines(first.method() + " (" + first.mode() + (sample ? ", p50 and p99" : "")
                    + ") against " + n + (logX && logY ? ", log-log" : logY ? ", log y" : ""), n,
                    first.primary().unit(), series, null, logX, logY));
        }
        Map<String, List<SvgChart.Bar>> bars = new LinkedHashMap<>();
        for (JmhResult r : rs) {
            if (!plotted.contains(r)) {
                boolean sample = "sample".equals(r.mode()) && r.percentiles().containsKey("50.0");
                String label = (r.method() + " " + Fmt.params(r.params())).trim();
                Double q = r.percentiles().get("99.0");
                bars.computeIfAbsent(r.mode() + "|" + r.primary().unit(), k -> new ArrayList<>())
                        .add(new SvgChart.Bar(label, ReportData.central(r), sample ? Double.NaN : r.primary().error(),
                                data.palette.colour(Palette.strategyOf(r.params(), r.method())),
                                sample && q != null ? q : Double.NaN));
            }
        }
        bars.forEach((k, v) -> {
            String[] mu = k.split("\\|", 2);
            String what = mu[0].equals("sample") ? "sample: bar p50, ◆ p99" : mu[0];
            b.append(SvgChart.bars(rs.get(0).className() + " (" + what + ")", mu[1], v));
        });
    }

    /** One latency chart per method: a line per parameter combination, over the percentiles. */
    private static String percentileCharts(ReportData data, List<JmhResult> rs) {
        List<String> labels = new ArrayList<>();
        for (String p : ReportData.PERCENTILES) {
            labels.add(Fmt.percentile(p));
        }
        StringBuilder b = new StringBuilder();
        for (List<JmhResult> method : ReportData.byMethod(rs).values()) {
            List<SvgChart.Series> series = new ArrayList<>();
            Set<String> used = new HashSet<>();
            for (JmhResult r : method) {
                if (!"sample".equals(r.mode()) || r.percentiles().isEmpty()) {
                    continue;
                }
                List<SvgChart.Point> pts = new ArrayList<>();
                for (int i = 0; i < ReportData.PERCENTILES.size(); i++) {
                    Double v = r.percentiles().get(ReportData.PERCENTILES.get(i));
                    if (v != null && v > 0) {
                        pts.add(new SvgChart.Point(i, v, Double.NaN));
                    }
                }
                String name = Fmt.params(r.params());
                String strategy = Palette.strategyOf(r.params(), name.isEmpty() ? r.method() : name);
                // a second line of the same strategy (another topology, size) is dashed
                series.add(new SvgChart.Series(name.isEmpty() ? r.method() : name, pts,
                        data.palette.colour(strategy), !used.add(strategy)));
            }
            if (!series.isEmpty()) {
                JmhResult first = method.get(0);
                b.append(SvgChart.lines(first.shortName() + ": latency by percentile", "percentile",
                        first.primary().unit(), series, labels, false, true));
            }
        }
        return b.toString();
    }

    /** A table; {@code classColumn}, if not null, names the column whose text becomes each row's class. */
    private static void table(StringBuilder b, List<String> columns, List<List<String>> rows, Integer classColumn) {
        b.append("<table><tr>");
        for (String c : columns) {
            b.append("<th>").append(esc(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (List<String> row : rows) {
            b.append(classColumn == null ? "<tr>" : "<tr class=\"" + esc(row.get(classColumn)) + "\">");
            for (String c : row) {
                boolean numeric = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.startsWith("-")
                        || c.startsWith("+") || c.startsWith("~") || c.startsWith("±"));
                b.append(numeric ? "<td class=\"n\">" : "<td>").append(esc(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static String esc(String s) {
        return Html.esc(s);
    }
}
