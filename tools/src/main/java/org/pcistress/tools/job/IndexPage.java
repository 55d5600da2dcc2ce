package org.pcistress.tools.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.Html;

/** index.html of a report folder: the verdict first, then one row per step with its links. */
final class IndexPage {
    private IndexPage() {
    }

    static String render(JobReport r) {
        StringBuilder h = new StringBuilder(4096);
        h.append(Html.head("pcistress " + r.dir().getFileName()));
        h.append("<h1>pcistress report ").append(Html.esc(r.dir().getFileName().toString())).append("</h1>\n");
        verdict(h, r);
        h.append("<p>Started ").append(r.started()).append(r.finished() == null ? "" : ", finished " + r.finished())
                .append("; budget ").append(Durations.format(r.plan().budget())).append("; profiles <code>")
                .append(Html.esc(String.join(" ", r.plan().profiles().stream().map(Object::toString).toList())))
                .append("</code>; fixes <code>").append(Html.esc(String.join(" ", r.plan().fixes()))).append("</code>.</p>\n");
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

    private static void verdict(StringBuilder h, JobReport r) {
        int code = r.finished() == null ? ExitCodes.combine(codesOfFinished(r)) : r.code();
        String cls;
        String text;
        if (r.finished() == null) {
            cls = "run";
            text = "Running (or stopped during the step marked running)";
        } else if (code == ExitCodes.OK) {
            cls = "ok";
            text = "OK: nothing regressed";
        } else if (code == ExitCodes.REGRESSION) {
            cls = "reg";
            List<String> failed = failedSteps(r);
            text = "REGRESSION (exit 1)" + (failed.isEmpty() ? "" : "; also " + String.join(", ", failed) + " failed");
        } else {
            cls = "harness";
            text = "HARNESS FAILURE (exit " + code + "): " + String.join(", ", failedSteps(r)) + " failed";
        }
        h.append("<div class=\"v ").append(cls).append("\"><strong>").append(Html.esc(text)).append("</strong></div>\n");
        List<String> regressed = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (StepState s : r.steps()) {
            if (s.result() != null) {
                s.result().regressions().forEach(x -> regressed.add(s.name() + ": " + x));
                s.result().news().forEach(x -> news.add(s.name() + ": " + x));
            }
        }
        list(h, "What regressed or failed", regressed, "nothing");
        String since = r.previous().map(p -> "New since <a href=\"" + Html.esc(rel(r.dir(), p)) + "/index.html\">"
                + Html.esc(p.getFileName().toString()) + "</a>").orElse(null);
        if (since == null) {
            h.append("<p>No previous report in this folder: nothing to compare with.</p>\n");
        } else {
            listRaw(h, since, news, "nothing");
        }
    }

    private static int[] codesOfFinished(JobReport r) {
        return r.steps().stream().filter(s -> s.status() != StepState.Status.RUNNING).mapToInt(StepState::code).toArray();
    }

    private static List<String> failedSteps(JobReport r) {
        return r.steps().stream().filter(s -> s.code() == ExitCodes.HARNESS || s.code() == ExitCodes.USAGE)
                .map(s -> s.name() + (s.status() == StepState.Status.CRASHED ? " (crashed)" : "")).toList();
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

    private static String rel(Path from, Path to) {
        try {
            return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException otherRoot) {
            return to.toAbsolutePath().toString();
        }
    }
}
