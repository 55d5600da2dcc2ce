package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.ReportFiles;

/**
 * Which earlier report a run compares with. Only a complete, green report is a baseline: its
 * job.json says {@code COMPLETE} with exit code 0, and every step it ran finished. A red report (a
 * regression, a harness failure) is skipped too: were it the baseline, a regression would be red
 * once and green the next time, and a benchmark slowdown would become the reference it is measured
 * against. A report in progress (its
 * {@link ReportLock} held), an interrupted one, one whose process died (lock free, state RUNNING: a
 * kill, a full disk) or an unreadable one is skipped, and the run says which and why: a broken run
 * must never become the reference a regression is measured against.
 */
public final class Baselines {
    private Baselines() {
    }

    /**
     * The chosen report and one line per newer report skipped.
     *
     * @param report  the newest complete report, if any
     * @param skipped {@code folder: why}, newest first
     */
    public record Choice(Optional<Path> report, List<String> skipped) {
        public Choice {
            skipped = List.copyOf(skipped);
        }
    }

    /** The newest complete report in {@code parent} other than {@code current}. */
    public static Choice choose(Path parent, Path current) throws IOException {
        List<String> skipped = new ArrayList<>();
        for (Path dir : ReportFolders.newestFirst(parent)) {
            if (dir.equals(current)) {
                continue;
            }
            Optional<String> why = whyNot(dir);
            if (why.isEmpty()) {
                return new Choice(Optional.of(dir), skipped);
            }
            skipped.add(dir.getFileName() + ": " + why.get());
        }
        return new Choice(Optional.empty(), skipped);
    }

    /** Why report folder {@code dir} cannot be a baseline, or empty when it is complete. */
    public static Optional<String> whyNot(Path dir) {
        Path file = dir.resolve(ReportFolders.RECORD);
        if (!Files.isRegularFile(file)) {
            return Optional.of("no " + ReportFolders.RECORD + " (the run never started)");
        }
        JsonNode root;
        try {
            root = JobReport.JSON.readTree(file.toFile());
        } catch (IOException e) {
            return Optional.of(ReportFolders.RECORD + " unreadable: " + ReportFiles.reason(e));
        }
        if (root == null || !root.isObject() || !root.path("steps").isArray()) {
            return Optional.of(ReportFolders.RECORD + " is not a job record");
        }
        String state = root.path("state").asText("");
        String running = runningStep(root);
        switch (state) {
            case "INTERRUPTED", "FAILED" -> {
                JsonNode i = root.path("interrupted");
                return Optional.of((state.equals("FAILED") ? "failed" : "interrupted")
                        + (i.hasNonNull("step") ? " during " + i.get("step").asText() : "")
                        + (i.hasNonNull("cause") ? " (" + i.get("cause").asText() + ")" : ""));
            }
            case "RUNNING" -> {
                Optional<String> holder = ReportLock.holder(dir);
                if (holder.isPresent()) {
                    return Optional.of("still running (" + holder.get() + (running == null ? "" : ", at " + running)
                            + ")");
                }
                String who = ReportLock.named(dir);
                return Optional.of("unfinished" + (running == null ? "" : " during " + running)
                        + ": its process" + (who.isEmpty() ? "" : " (" + who + ")")
                        + " is gone (killed, or the disk filled)");
            }
            case "COMPLETE", "" -> {
                // "" : a report written before job.json had a state; judged by what it recorded
            }
            default -> {
                return Optional.of("unknown state '" + state + "'");
            }
        }
        if (root.path("finished").isNull() || root.path("finished").isMissingNode() || !root.has("code")) {
            return Optional.of("unfinished" + (running == null ? "" : " during " + running) + ": no exit code recorded");
        }
        int code = root.get("code").asInt(-1);
        if (code != ExitCodes.OK) {
            return Optional.of("red: it exited " + code + " (" + ExitCodes.name(code)
                    + "); only a green report is a baseline");
        }
        for (JsonNode s : root.get("steps")) {
            String status = s.path("status").asText();
            if (!status.equals("DONE") && !status.equals("SKIPPED")) {
                return Optional.of("step " + s.path("name").asText("?") + " " + status.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static String runningStep(JsonNode root) {
        for (JsonNode s : root.path("steps")) {
            if ("RUNNING".equals(s.path("status").asText())) {
                return s.path("name").asText();
            }
        }
        return null;
    }
}
