package org.pcistress.tools.history;

import java.util.List;
import org.pcistress.history.HistoryRow;

/** The history table as Markdown (the terminal and history.md) and as an HTML table (the report index). */
public final class HistoryTable {
    private HistoryTable() {
    }

    /** One row a case: case, entry points, profile, what history says (source), what the model says, match. */
    public static String markdown(List<HistoryRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| case | entry points | profile | history says (source) | model says | match |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (HistoryRow r : rows) {
            b.append("| ").append(r.c().id()).append(" | `").append(r.c().scenario()).append("` | `")
                    .append(r.c().profile()).append("` | ").append(cell(r.historySays())).append(" | ")
                    .append(cell(modelSays(r))).append(" | ").append(r.match() ? "yes" : "**NO**: " + cell(r.why()))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The same rows as an HTML table (no page around it). */
    public static String html(List<HistoryRow> rows) {
        StringBuilder b = new StringBuilder("<table class=\"history\"><tr><th>case</th><th>entry points</th>"
                + "<th>profile</th><th>history says (source)</th><th>model says</th><th>match</th></tr>\n");
        for (HistoryRow r : rows) {
            b.append("<tr").append(r.match() ? "" : " class=\"reg\"").append("><td>").append(esc(r.c().id()))
                    .append("</td><td><code>").append(esc(r.c().scenario())).append("</code></td><td><code>")
                    .append(esc(r.c().profile())).append("</code></td><td>").append(esc(r.historySays()))
                    .append("</td><td>").append(esc(modelSays(r))).append("</td><td>")
                    .append(r.match() ? "yes" : "<strong>NO</strong>: " + esc(r.why())).append("</td></tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    /** {@code 34 of 35 cases match; mismatches: S3 remove_pf v7.0}. */
    public static String headline(List<HistoryRow> rows) {
        long ok = rows.stream().filter(HistoryRow::match).count();
        List<String> bad = rows.stream().filter(r -> !r.match())
                .map(r -> r.c().id() + " " + r.c().scenario() + " " + r.c().profile()).toList();
        return ok + " of " + rows.size() + " cases match history"
                + (bad.isEmpty() ? "" : "; MISMATCH: " + String.join(", ", bad));
    }

    private static String modelSays(HistoryRow r) {
        return r.modelSays() + (r.exhausted() || r.modelSays().startsWith("error") ? "" : " (first failure)");
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
