package org.pcistress.tools.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.Html;
import org.pcistress.tools.report.KnownFindings;

/** index.html of a report folder: the verdict first, then one row per step with its links. */
final class IndexPage {
    private IndexPage() {
    }

    static String render(JobReport r) {
        StringBuilder h = new StringBuilder(4096);
        h.append(Html.head("pcistress " + r.dir().getFileName()));
        h.append("<h1>pcistress report ").append(Html.esc(r.dir().getFileName().toString())).append("</h1>\n");
        JobVerdict v = JobVerdict.of(r);
        h.append("<div class=\"v ").append(v.kind()).append("\"><strong>").append(Html.esc(v.text())).append("</strong></div>\n");
        facts(h, r, v);
        list(h, "What regressed or failed", v.regressed(), "nothing");
        listRaw(h, v.previous().map(p -> "New since <a href=\"" + Html.esc(rel(r.dir(), p)) + "/index.html\">"
                + Html.esc(p.getFileName().toString()) + "</a>, and the model's findings").orElse(
                        "The model's findings (no complete earlier report)"),
                v.news(), "nothing");
        if (!r.skippedBaselines().isEmpty()) {
            list(h, "Newer reports not used as the baseline (not complete)", r.skippedBaselines(), "none");
        }
        matrixTable(h, r);
        h.append("<h2>Steps</h2>\n<table class=\"steps\"><tr><th>step</th><th>status</th><th>time</th><th>result</th><th>files</th></tr>\n");
        for (StepState s : r.steps()) {
            h.append("<tr><td>").append(Html.esc(s.name())).append("</td><td>").append(status(s, r)).append("</td><td>")
                    .append(s.status() == StepState.Status.DONE || s.status() == StepState.Status.CRASHED
                            ? Durations.format(s.elapsed()) : "")
                    .append("</td><td>").append(s.result() == null ? "" : Html.esc(s.result().headline())).append("</td><td>");
            if (s.result() != null) {
                List<String> links = new ArrayList<>();
                for (StepResult.Link l : s.result().links()) {
                    links.add("<a href=\"" + Html.esc(l.path()) + "\">" + Html.esc(l.label()) + "</a>");
                }
                h.append(String.join("<br>", links));
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        history(h, r);
        h.append("<p>Exit codes: 0 ok, 1 regression, 2 usage, 3 harness failure. ")
                .append("Machine-readable: <a href=\"job.json\">job.json</a>.</p>\n").append(Html.tail());
        return h.toString();
    }

    /** The history step's table (what history says against what the model says), when it ran. */
    private static void history(StringBuilder h, JobReport r) {
        java.nio.file.Path table = r.dir().resolve("history").resolve(HistoryStep.TABLE);
        if (!java.nio.file.Files.isRegularFile(table)) {
            return;
        }
        try {
            h.append("<h2>History: real-world cases replayed on the model</h2>\n")
                    .append(java.nio.file.Files.readString(table));
        } catch (java.io.IOException e) {
            h.append("<p>history table unreadable: ").append(Html.esc(e.getMessage())).append("</p>\n");
        }
    }

    /** Where and what: commit, version, JDK, machine, times, the plan, what it was compared with. */
    private static void facts(StringBuilder h, JobReport r, JobVerdict v) {
        RunFacts f = r.facts();
        h.append("<table class=\"facts\">");
        row(h, "compared with", v.previous().map(p -> "<a href=\"" + Html.esc(rel(r.dir(), p)) + "/index.html\">"
                + Html.esc(p.getFileName().toString()) + "</a>").orElse(r.plan().baseline().map(b -> "<code>" + Html.esc(b.toString())
                + "</code>").orElse("nothing: no previous report in this folder, so nothing could regress")));
        row(h, "build", "pcistress " + Html.esc(f.build().version()) + ", commit <code>" + Html.esc(f.build().commit())
                + "</code>" + (f.build().dirty() ? " with uncommitted changes" : "") + "; jcstress "
                + Html.esc(f.build().jcstress()) + ", JMH " + Html.esc(f.build().jmh()));
        row(h, "ran on", Html.esc(f.jdk()) + "; " + Html.esc(f.machine().describe()));
        row(h, "time", "started " + JobReport.stamp(r.started())
                + (r.finished() == null ? "" : ", finished " + JobReport.stamp(r.finished()))
                + "; budget " + Durations.format(r.plan().budget()));
        row(h, "plan", "profiles <code>" + Html.esc(String.join(" ", r.plan().profiles().stream().map(Object::toString)
                .toList())) + "</code>; fixes <code>" + Html.esc(String.join(" ", r.plan().fixes())) + "</code>");
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String label, String html) {
        h.append("<tr><th>").append(Html.esc(label)).append("</th><td>").append(html).append("</td></tr>");
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
            h.append("<tr><td><a href=\"matrix/").append(Html.esc(row.spec())).append("/matrix.html\">").append(Html.esc(row.spec()))
                    .append("</a></td><td>").append(row.failing()).append('/').append(row.cells()).append("</td><td>");
            List<String> known = new ArrayList<>();
            for (MatrixTriage.Known k : row.known()) {
                String base = k.shortId();
                String title = " title=\"" + Html.esc(k.group() + " (" + k.klass() + "): " + String.join(" ", k.cells())) + "\"";
                known.add((findings == null ? "<span" + title + ">" + Html.esc(k.id()) + "</span>"
                        : "<a href=\"" + Html.esc(findings) + "#" + Html.esc(k.id()) + "\"" + title + ">" + Html.esc(base) + "</a>")
                        + "&nbsp;&times;" + k.cells().size());
            }
            h.append(String.join(", ", known)).append("</td><td>");
            if (!row.triaged() && row.failing() > 0) {
                h.append("not triaged: docs/FINDINGS.md has no section for this profile");
            } else if (row.unknown().isEmpty()) {
                h.append("none");
            } else {
                h.append("<strong>").append(row.unknown().size()).append("</strong>: <code>")
                        .append(Html.esc(String.join(" ", row.unknown()))).append("</code>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String status(StepState s, JobReport r) {
        if (s.status() == StepState.Status.RUNNING) {
            return s.name().equals(r.stoppedStep()) ? "<strong>INTERRUPTED</strong>" : "<strong>RUNNING</strong>";
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
        listRaw(h, Html.esc(title), items, none);
    }

    private static void listRaw(StringBuilder h, String titleHtml, List<String> items, String none) {
        h.append("<h2>").append(titleHtml).append("</h2>\n");
        if (items.isEmpty()) {
            h.append("<p>").append(none).append("</p>\n");
            return;
        }
        h.append("<ul>\n");
        items.forEach(i -> h.append("<li>").append(Html.esc(i)).append("</li>\n"));
        h.append("</ul>\n");
    }

    static String rel(Path from, Path to) {
        try {
            return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException otherRoot) {
            return to.toAbsolutePath().toString();
        }
    }
}
