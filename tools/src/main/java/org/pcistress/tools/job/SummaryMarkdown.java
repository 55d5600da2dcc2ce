package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * summary.md: the report's first screen in Markdown, for a CI run page (the nightly appends it to
 * {@code $GITHUB_STEP_SUMMARY}): the verdict, where it ran, what it was compared with, what
 * regressed, what is new, the steps, then the matrix diffs folded away.
 */
final class SummaryMarkdown {
    /** GitHub refuses a step summary over 1 MiB; the diffs are cut well before. */
    static final int MAX_DIFFS = 512 * 1024;

    private SummaryMarkdown() {
    }

    static String render(JobReport r) {
        JobVerdict v = JobVerdict.of(r);
        StringBuilder b = new StringBuilder();
        b.append("## pcistress ").append(r.dir().getFileName()).append(": ").append(v.text()).append("\n\n");
        b.append(r.facts().line()).append("  \n");
        b.append("Compared with: ").append(v.previous().map(p -> "`" + p.getFileName() + "`")
                .orElse(r.plan().baseline().map(p -> "`" + p + "`").orElse("nothing (no previous report)")))
                .append("  \nStarted ").append(JobReport.stamp(r.started()))
                .append(r.finished() == null ? "" : ", finished " + JobReport.stamp(r.finished())).append("\n\n");
        list(b, "What regressed or failed", v.regressed());
        list(b, v.previous().isPresent() ? "What is new since " + v.previous().get().getFileName() + ", and the model's findings"
                : "What is new (the model's findings)", v.news());
        MatrixTriage t = MatrixTriage.read(r.dir().resolve("matrix").resolve(MatrixTriage.FILE));
        if (!t.rows().isEmpty()) {
            b.append("### Failing matrix cells: known (docs/FINDINGS.md) and new\n\n")
                    .append("| profile | failing | known: FINDINGS.md entry × cells | new |\n|---|---|---|---|\n");
            for (MatrixTriage.Row row : t.rows()) {
                b.append("| ").append(row.spec()).append(" | ").append(row.failing()).append('/').append(row.cells())
                        .append(" | ").append(String.join(", ", row.known().stream()
                                .map(k -> "`" + k.id() + "` ×" + k.cells().size()).toList()))
                        .append(" | ").append(!row.triaged() && row.failing() > 0 ? "not triaged"
                                : row.unknown().isEmpty() ? "none" : "**" + row.unknown().size() + "**: "
                                + String.join(" ", row.unknown().stream().map(c -> "`" + c + "`").toList()))
                        .append(" |\n");
            }
            b.append('\n');
        }
        b.append("| step | status | time | result |\n|---|---|---|---|\n");
        for (StepState s : r.steps()) {
            b.append("| ").append(s.name()).append(" | ").append(s.status().name().toLowerCase(java.util.Locale.ROOT))
                    .append(s.status() == StepState.Status.DONE ? " (exit " + s.code() + ")" : "").append(" | ")
                    .append(org.pcistress.tools.cli.Durations.format(s.elapsed())).append(" | ")
                    .append(s.result() == null ? "" : cell(s.result().headline())).append(" |\n");
        }
        Path diffs = r.dir().resolve("matrix/diffs.md");
        if (Files.isRegularFile(diffs)) {
            try {
                String md = Files.readString(diffs);
                if (md.length() > MAX_DIFFS) {
                    md = md.substring(0, MAX_DIFFS) + "\n\n(cut: the whole file is matrix/diffs.md in the report)\n";
                }
                b.append("\n<details><summary>Matrix diffs (matrix/diffs.md)</summary>\n\n")
                        .append(md.replace("# Matrix diffs\n", "")).append("\n</details>\n");
            } catch (IOException e) {
                b.append("\n(matrix/diffs.md could not be read: ").append(e.getMessage()).append(")\n");
            }
        }
        return b.toString();
    }

    private static void list(StringBuilder b, String title, List<String> items) {
        b.append("### ").append(title).append("\n\n");
        if (items.isEmpty()) {
            b.append("nothing\n\n");
            return;
        }
        items.forEach(i -> b.append("- ").append(i.replace("\n", " ")).append('\n'));
        b.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
