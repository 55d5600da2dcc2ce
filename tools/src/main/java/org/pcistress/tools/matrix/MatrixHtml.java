package org.pcistress.tools.matrix;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pcistress.explore.matrix.Cell;
import org.pcistress.explore.matrix.CellFailure;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.cli.Html;

/** matrix.html: one self-contained page (inline CSS, no script, nothing fetched at view time). */
final class MatrixHtml {
    private static final Map<String, String> SHORT = Map.ofEntries(Map.entry("OK", "ok"),
            Map.entry("DEADLOCK", "DL"), Map.entry("HUNG_TASK", "HT"), Map.entry("DOUBLE_REMOVE", "DR"),
            Map.entry("USE_AFTER_FREE", "UAF"), Map.entry("REFCOUNT_UNDERFLOW", "RU"),
            Map.entry("LIST_CORRUPTION", "LC"), Map.entry("VF_LEAKED", "VL"), Map.entry("MISSED_BROADCAST", "MB"),
            Map.entry("UNLOCKED_CALLBACK", "UC"), Map.entry("LOCKING_BUG", "LB"), Map.entry("EXCEPTION", "EX"),
            Map.entry("STEP_LIMIT", "SL"), Map.entry("STALLED", "ST"));

    private MatrixHtml() {
    }

    static String render(MatrixResult m, String command) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append(Html.head("pcistress matrix " + m.spec()))
                .append("<h1>pcistress matrix: ").append(Html.esc(m.spec())).append("</h1>\n<p class=\"muted\">")
                .append("<code>").append(Html.esc(command)).append("</code><br>")
                .append(String.format(Locale.ROOT, "%d cells, %s per cell where not every schedule can run; %d failing;"
                        + " %d proved for all schedules, %d of %d exhausted; %d executions in %.1f s.", m.cells().size(),
                        Html.esc(m.bound()), m.failing(), m.proved(), m.exhausted(), m.cells().size(), m.executions(),
                        m.millis() / 1000.0))
                .append("</p>\n<p class=\"muted\">Legend: ok; DL deadlock; DR double remove; UAF use after free;"
                        + " RU refcount underflow; LC list corruption; VL VF leaked; MB missed broadcast; UC unlocked"
                        + " callback; LB locking bug. Upright: proved for all schedules; italic: within the preemption bound only;"
                        + " dashed: search not exhausted (budget hit). Blue underline: lockdep predicted"
                        + " a deadlock there. Click a failure for its counterexample.</p>\n");
        grid(b, m);
        List<Cell> wide = m.cells().stream().filter(c -> c.entries().size() > 2).toList();
        if (!wide.isEmpty()) {
            b.append("<h2>Three-way cells</h2>\n<table class=\"grid\">");
            for (Cell c : wide) {
                b.append("<tr><th>").append(Html.esc(c.key())).append("</th>");
                td(b, c);
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<h2>Failures</h2>\n");
        for (Cell c : m.cells()) {
            if (c.failed()) {
                failure(b, m, c);
            }
        }
        b.append("<h2>Entry points</h2>\n<ul>\n");
        for (Entry e : m.entries()) {
            b.append("<li><code>").append(Html.esc(e.id())).append("</code>: ").append(Html.esc(e.title())).append("</li>\n");
        }
        return b.append("</ul>\n").append(Html.tail()).toString();
    }

    private static void grid(StringBuilder b, MatrixResult m) {
        List<Entry> es = m.entries();
        b.append("<table class=\"grid\"><tr><th></th>");
        for (Entry e : es) {
            b.append("<th title=\"").append(Html.esc(e.title())).append("\">").append(Html.esc(e.id())).append("</th>");
        }
        b.append("</tr>\n<tr><th>alone</th>");
        for (Entry e : es) {
            td(b, m.cell(e.id()));
        }
        b.append("</tr>\n");
        for (int i = 0; i < es.size(); i++) {
            b.append("<tr><th>").append(Html.esc(es.get(i).id())).append("</th>");
            for (int j = 0; j < es.size(); j++) {
                if (j < i) {
                    b.append("<td></td>");
                } else {
                    td(b, m.cell(es.get(i).id(), es.get(j).id()));
                }
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void td(StringBuilder b, Cell c) {
        if (c == null) {
            b.append("<td></td>");
            return;
        }
        String cls = (c.failed() ? "fail" : "ok") + (c.exhausted() ? "" : " open") + (c.proved() ? "" : " bounded")
                + (c.lockdep().isEmpty() ? "" : " lockdep");
        String title = c.key() + ": " + c.verdict() + " (" + c.claim() + ")"
                + (c.note().isEmpty() ? "" : "; " + c.note());
        b.append("<td class=\"").append(cls).append("\" title=\"").append(Html.esc(title)).append("\">");
        if (c.failed()) {
            StringBuilder s = new StringBuilder();
            for (String k : c.kinds()) {
                s.append(s.length() == 0 ? "" : "+").append(SHORT.getOrDefault(k, k));
            }
            b.append("<a href=\"#").append(anchor(c)).append("\">").append(Html.esc(s.toString())).append("</a>");
        } else {
            b.append("ok");
        }
        b.append("</td>");
    }

    private static void failure(StringBuilder b, MatrixResult m, Cell c) {
        b.append("<h3 id=\"").append(anchor(c)).append("\">").append(Html.esc(c.key())).append(": ")
                .append(Html.esc(c.verdict())).append("</h3>\n<p>Initial state: ").append(Html.esc(c.initialState()))
                .append(".<br>").append(Html.esc(c.claim())).append(": ").append(Html.esc(c.coverage())).append('.');
        if (!c.note().isEmpty()) {
            b.append("<br>Lockdep: ").append(Html.esc(c.note())).append('.');
        }
        b.append("</p>\n");
        for (CellFailure f : c.failures()) {
            b.append("<details open><summary><b>").append(Html.esc(f.kind())).append("</b>, ").append(f.length())
                    .append(" steps, ").append(f.preemptions()).append(" preemption(s); replay: <code>./pcistress explore"
                            + " --scenario ").append(Html.esc(c.key())).append(" --profile ").append(Html.esc(m.spec()))
                    .append(" --replay ").append(Html.esc(f.schedule())).append("</code></summary><pre>")
                    .append(Html.esc(f.text())).append("</pre></details>\n");
        }
    }

    private static String anchor(Cell c) {
        return "cell-" + c.key().replace('+', '-');
    }
}
