package org.pcistress.tools.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.tools.ExitCodes;
import org.pcistress.tools.report.KnownFindings;
import org.pcistress.tools.stress.Durations;

/** index.html of a report folder: the verdict first, then one row per step with its links. */
final class IndexPage {
    private IndexPage() {
    }

    static String render(JobReport r) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>pcistress ")
                .append(esc(r.dir().getFileName().toString())).append("</title>\n<style>")
                .append("body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .6em;")
                .append("text-align:left;vertical-align:top}.v{padding:.6em 1em;border-radius:4px;font-size:1.2em}")
                .append(".ok{background:#e3f6e3}.reg{background:#fde2c8}.harness{background:#f8d0d0}")
                .append(".run{background:#eef}code{font-size:.95em}.facts{margin:.8em 0}.facts th{width:9em;background:#f6f6f6}")
                .append("</style></head><body>\n");
        h.append("<h1>pcistress report ").append(esc(r.dir().getFileName().toString())).append("</h1>\n");
        JobVerdict v = JobVerdict.of(r);
        h.append("<div class=\"v ").append(v.kind()).append("\"><strong>").append(esc(v.text())).append("</strong></div>\n");
        facts(h, r, v);
        list(h, "What regressed or failed", v.regressed(), "nothing");
        listRaw(h, v.previous().map(p -> "New since <a href=\"" + esc(rel(r.dir(), p)) + "/index.html\">"
                + esc(p.getFileName().toString()) + "</a>").orElse("The model's findings (no previous report)"),
                v.news(), "nothing");
        matrixTable(h, r);
        h.append("<h2>Steps</h2>\n<table><tr><th>step</th><th>status</th><th>time</th><th>result</th><th>files</th></tr>\n");
        for (StepState s : r.steps()) {
            h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(status(s, r)).append("</td><td>")
                    .append(s.status() == StepState.Status.DONE || s.status() == StepState.Status.CRASHED
                            ? Durations.format(s.elapsed()) : "")
                    .append("</td><td>").append(s.result() == null ? "" : esc(s.result().headline())).append("</td><td>");
            if (s.result() != null) {
                List<String> links = new ArrayList<>();
                for (StepResult.Link l : s.result().links()) {
                    links.add("<a href=\"" + esc(l.path()) + "\">" + esc(l.label()) + "</a>");
                }
                h.append(String.join("<br>", links));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n<p>Exit codes: 0 ok, 1 regression, 2 usage, 3 harness failure. ")
                .append("Machine-readable: <a href=\"job.json\">job.json</a>.</p>\n</body></html>\n");
        return h.toString();
    }

    /** Where and what: commit, version, JDK, machine, times, the plan, what it was compared with. */
    private static void facts(StringBuilder h, JobReport r, JobVerdict v) {
        RunFacts f = r.facts();
        h.append("<table class=\"facts\">");
        row(h, "compared with", v.previous().map(p -> "<a href=\"" + esc(rel(r.dir(), p)) + "/index.html\">"
                + esc(p.getFileName().toString()) + "</a>").orElse(r.plan().baseline().map(b -> "<code>" + esc(b.toString())
                + "</code>").orElse("nothing: no previous report in this folder, so nothing could regress")));
        row(h, "build", "pcistress " + esc(f.build().version()) + ", commit <code>" + esc(f.build().commit())
                + "</code>" + (f.build().dirty() ? " with uncommitted changes" : "") + "; jcstress "
                + esc(f.build().jcstress()) + ", JMH " + esc(f.build().jmh()));
        row(h, "ran on", esc(f.jdk()) + "; " + esc(f.machine().describe()));
        row(h, "time", "started " + JobReport.stamp(r.started())
                + (r.finished() == null ? "" : ", finished " + JobReport.stamp(r.finished()))
                + "; budget " + Durations.format(r.plan().budget()));
        row(h, "plan", "profiles <code>" + esc(String.join(" ", r.plan().profiles().stream().map(Object::toString)
                .toList())) + "</code>; fixes <code>" + esc(String.join(" ", r.plan().fixes())) + "</code>");
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String label, String html) {
        h.append("<tr><th>").append(esc(label)).append("</th><td>").append(html).append("</td></tr>");
    }

    /** Per matrix: failing cells, the known findings among them (linked to docs/FINDINGS.md), the new ones. */
    private static void matrixTable(StringBuilder h, JobReport r) {
        MatrixTriage t = MatrixTriage.read(r.dir().resolve("matrix").resolve(MatrixTriage.FILE));
        if (t.rows().isEmpty()) {
            return;
        }
        String findings = KnownFindings.sourceFile().map(p -> rel(r.dir(), p)).orElse(null);
        h.append("<h2>Matrix: failing cells, known and new</h2>\n<table><tr><th>profile</th><th>failing</th>")
                .append("<th>known: docs/FINDINGS.md group &times; cells</th><th>new: not in docs/FINDINGS.md</th></tr>\n");
        for (MatrixTriage.Row row : t.rows()) {
            h.append("<tr><td><a href=\"matrix/").append(esc(row.spec())).append("/matrix.html\">").append(esc(row.spec()))
                    .append("</a></td><td>").append(row.failing()).append('/').append(row.cells()).append("</td><td>");
            List<String> known = new ArrayList<>();
            for (MatrixTriage.Known k : row.known()) {
                String prefix = row.spec().replace('+', '-') + "-";
                String base = k.id().startsWith(prefix) ? k.id().substring(prefix.length()) : k.id();
                String title = " title=\"" + esc(k.group() + " (" + k.klass() + "): " + String.join(" ", k.cells())) + "\"";
                known.add((findings == null ? "<span" + title + ">" + esc(k.id()) + "</span>"
                        : "<a href=\"" + esc(findings) + "#" + esc(k.id()) + "\"" + title + ">" + esc(base) + "</a>")
                        + "&nbsp;&times;" + k.cells().size());
            }
            h.append(String.join(", ", known)).append("</td><td>");
            if (!row.triaged() && row.failing() > 0) {
                h.append("not triaged: docs/FINDINGS.md has no section for this profile");
            } else if (row.unknown().isEmpty()) {
                h.append("none");
            } else {
                h.append("<strong>").append(row.unknown().size()).append("</strong>: <code>")
                        .append(esc(String.join(" ", row.unknown()))).append("</code>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String status(StepState s, JobReport r) {
        if (s.status() == StepState.Status.RUNNING) {
            return "<strong>RUNNING</strong>";
        }
        if (s.status() == StepState.Status.PENDING) {
            return r.finished() == null ? "pending" : "not run";
        }
        if (s.status() == StepState.Status.SKIPPED) {
            return "skipped";
        }
        String word = switch (s.code()) {
            case ExitCodes.OK -> "ok";
            case ExitCodes.REGRESSION -> "<strong>regression</strong>";
            default -> "<strong>failed</strong>";
        };
        return s.status() == StepState.Status.CRASHED ? "<strong>crashed</strong>" : word;
    }

    private static void list(StringBuilder h, String title, List<String> items, String none) {
        listRaw(h, esc(title), items, none);
    }

    private static void listRaw(StringBuilder h, String titleHtml, List<String> items, String none) {
        h.append("<h2>").append(titleHtml).append("</h2>\n");
        if (items.isEmpty()) {
            h.append("<p>").append(none).append("</p>\n");
            return;
        }
        h.append("<ul>\n");
        items.forEach(i -> h.append("<li>").append(esc(i)).append("</li>\n"));
        h.append("</ul>\n");
    }

    static String rel(Path from, Path to) {
        try {
            return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException otherRoot) {
            return to.toAbsolutePath().toString();
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
