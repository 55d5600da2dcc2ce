package org.pcistress.tools.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcistress.tools.cli.Html;

/**
 * report.html: one self-contained page (inline CSS and SVG, nothing fetched at view time) with the
 * run's header, then per benchmark class its table, its charts and its latency percentiles.
 *
 * <p>Charts: a method with a numeric parameter that varies (N) gets score against N, one line per
 * strategy; every other result of the class goes into a bar chart per mode; sample-mode results
 * get latency against percentile. Every point carries its 99.9% error bar.
 */
final class HtmlReport {
    private HtmlReport() {
    }

    static String render(ReportData data) {
        StringBuilder b = new StringBuilder(Html.head("pcistress benchmark report"));
        b.append("<h1>pcistress benchmark report</h1>\n<table>\n");
        for (List<String> row : data.header()) {
            String v = Html.esc(row.get(1));
            b.append("<tr><th>").append(Html.esc(row.get(0))).append("</th><td>")
                    .append(row.get(0).contains("ommand") ? "<code>" + v + "</code>" : v).append("</td></tr>\n");
        }
        b.append("</table>\n");
        if (data.run.isQuick()) {
            b.append("<p class=\"warn\">").append(Html.esc(ReportData.QUICK_WARNING)).append("</p>\n");
        }
        b.append("<p>").append(Html.esc(ReportData.HOW_TO_READ)).append("</p>\n");
        for (Map.Entry<String, List<JmhResult>> e : data.byClass().entrySet()) {
            List<JmhResult> rs = e.getValue();
            b.append("<h2 id=\"").append(Html.esc(e.getKey())).append("\">").append(Html.esc(e.getKey())).append("</h2>\n");
            table(b, ReportData.columns(rs), data.rows(rs));
            charts(b, rs);
            List<List<String>> pct = ReportData.percentileRows(rs);
            if (!pct.isEmpty()) {
                b.append("<h3>Latency percentiles (sample mode)</h3>\n");
                table(b, ReportData.percentileColumns(), pct);
                b.append(percentileCharts(rs));
            }
        }
        if (!data.run.failures().isEmpty()) {
            b.append("<h2>Failed benchmarks</h2>\n<ul>\n");
            for (String f : data.run.failures()) {
                b.append("<li><code>").append(Html.esc(f)).append("</code></li>\n");
            }
            b.append("</ul>\n");
        }
        return b.append(Html.tail()).toString();
    }

    private static void charts(StringBuilder b, List<JmhResult> rs) {
        Set<JmhResult> plotted = new HashSet<>();
        for (List<JmhResult> method : ReportData.byMethod(rs).values()) {
            String n = ReportData.sizeParam(method);
            if (n == null) {
                continue;
            }
            Map<String, List<SvgChart.Point>> lines = new LinkedHashMap<>();
            for (JmhResult r : method) {
                String name = ReportData.paramsExcept(r.params(), n);
                lines.computeIfAbsent(name.isEmpty() ? r.method() : name, k -> new ArrayList<>()).add(
                        new SvgChart.Point(Double.parseDouble(r.params().get(n)), r.primary().score(),
                                r.primary().error()));
                plotted.add(r);
            }
            List<SvgChart.Series> series = new ArrayList<>();
            lines.forEach((k, v) -> series.add(new SvgChart.Series(k, v)));
            JmhResult first = method.get(0);
            List<String> xs = ReportData.values(method, n);
            double lo = xs.stream().mapToDouble(Double::parseDouble).min().orElse(1);
            double hi = xs.stream().mapToDouble(Double::parseDouble).max().orElse(1);
            b.append(SvgChart.lines(first.method() + " (" + first.mode() + ") against " + n, n,
                    first.primary().unit(), series, null, lo > 0 && hi / lo >= 10, false));
        }
        Map<String, List<SvgChart.Bar>> bars = new LinkedHashMap<>();
        for (JmhResult r : rs) {
            if (!plotted.contains(r)) {
                String label = r.method() + " " + Fmt.params(r.params());
                bars.computeIfAbsent(r.mode() + "|" + r.primary().unit(), k -> new ArrayList<>())
                        .add(new SvgChart.Bar(label.trim(), r.primary().score(), r.primary().error()));
            }
        }
        bars.forEach((k, v) -> {
            String[] mu = k.split("\\|", 2);
            b.append(SvgChart.bars(rs.get(0).className() + " (" + mu[0] + ")", mu[1], v));
        });
    }

    /** One latency chart per method: a line per parameter combination, over the percentiles. */
    private static String percentileCharts(List<JmhResult> rs) {
        List<String> labels = new ArrayList<>();
        for (String p : ReportData.PERCENTILES) {
            labels.add(Fmt.percentile(p));
        }
        StringBuilder b = new StringBuilder();
        for (List<JmhResult> method : ReportData.byMethod(rs).values()) {
            List<SvgChart.Series> series = new ArrayList<>();
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
                series.add(new SvgChart.Series(name.isEmpty() ? r.method() : name, pts));
            }
            if (!series.isEmpty()) {
                JmhResult first = method.get(0);
                b.append(SvgChart.lines(first.shortName() + ": latency by percentile", "percentile",
                        first.primary().unit(), series, labels, false, true));
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, List<String> columns, List<List<String>> rows) {
        b.append("<table><tr>");
        for (String c : columns) {
            b.append("<th>").append(Html.esc(c)).append("</th>");
        }
        b.append("</tr>\n");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String c : row) {
                boolean numeric = !c.isEmpty() && (Character.isDigit(c.charAt(0)) || c.startsWith("-"));
                b.append(numeric ? "<td class=\"n\">" : "<td>").append(Html.esc(c)).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }
}
