package org.pcistress.tools.bench;

import java.util.List;
import java.util.Map;

/** report.md: the same tables as the HTML report, without charts, for a pull request or a log. */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(ReportData data) {
        StringBuilder b = new StringBuilder("# pcistress benchmark report\n\n");
        b.append("## Verdict against the baseline\n\n");
        if (data.comparison == null) {
            b.append("Not compared: this run had no baseline.\n\n");
        } else {
            b.append(VerdictTable.summary(data.comparison)).append("\n\n");
            table(b, VerdictTable.COLUMNS, VerdictTable.rows(data.comparison));
            b.append(VerdictTable.HOW_TO_READ).append("\n\n");
        }
        b.append("## Run\n\n");
        b.append("| | |\n|---|---|\n");
        for (List<String> row : data.header()) {
            b.append("| ").append(row.get(0)).append(" | ").append(code(row.get(0), row.get(1))).append(" |\n");
        }
        b.append('\n');
        if (data.run.isQuick()) {
            b.append("> ").append(ReportData.QUICK_WARNING).append("\n\n");
        }
        b.append(ReportData.HOW_TO_READ).append("\n\n");
        for (Map.Entry<String, List<JmhResult>> e : data.byClass().entrySet()) {
            b.append("## ").append(e.getKey()).append("\n\n");
            table(b, ReportData.columns(e.getValue()), data.rows(e.getValue()));
            List<List<String>> pct = ReportData.percentileRows(e.getValue());
            if (!pct.isEmpty()) {
                b.append("Latency percentiles (sample mode):\n\n");
                table(b, ReportData.percentileColumns(), pct);
            }
        }
        if (!data.run.failures().isEmpty()) {
            b.append("## Failed benchmarks\n\n");
            for (String f : data.run.failures()) {
                b.append("- ").append(cell(f)).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String code(String key, String value) {
        return key.contains("ommand") ? "`" + value + "`" : cell(value);
    }

    static void table(StringBuilder b, List<String> columns, List<List<String>> rows) {
        b.append('|');
        for (String c : columns) {
            b.append(' ').append(cell(c)).append(" |");
        }
        b.append("\n|");
        for (int i = 0; i < columns.size(); i++) {
            b.append("---|");
        }
        b.append('\n');
        for (List<String> row : rows) {
            b.append('|');
            for (String c : row) {
                b.append(' ').append(cell(c)).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
