package org.pcistress.tools.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcistress.tools.cli.ExitCodes;

/**
 * The first thing every page of a report says: the verdict in a few words, what regressed, the
 * model's news, and what it was compared with. "OK" alone is said only when something was
 * compared; a first report says "not compared".
 *
 * @param kind      {@code ok}, {@code reg}, {@code harness} or {@code run} (a CSS class, a word)
 * @param text      the banner: {@code REGRESSION (exit 1)}, {@code OK: nothing regressed since …}
 * @param regressed one line each, {@code step: what}
 * @param news      one line each, {@code step: what}
 * @param previous  the report compared with, if any
 */
public record JobVerdict(String kind, String text, List<String> regressed, List<String> news, Optional<Path> previous) {

    public static JobVerdict of(JobReport r) {
        int code = r.finished() == null ? ExitCodes.combine(codesOfFinished(r)) : r.code();
        Optional<Path> previous = r.previous();
        boolean compared = previous.isPresent() || r.plan().baseline().isPresent();
        String kind;
        String text;
        if (r.state() == JobState.INTERRUPTED || r.state() == JobState.FAILED) {
            kind = "harness";
            text = r.state() + (r.stoppedStep() == null ? "" : " during " + r.stoppedStep()) + " (exit "
                    + ExitCodes.HARNESS + "): " + r.cause() + "; this report is not a baseline";
        } else if (r.finished() == null) {
            kind = "run";
            text = "Running: the step marked running is in progress (if no process runs it any more, the run was"
                    + " killed and this report is not a baseline)";
        } else if (code == ExitCodes.OK) {
            kind = "ok";
            text = compared ? "OK: nothing regressed since " + previous.map(p -> p.getFileName().toString())
                    .orElse("the baseline") : "OK, not compared: no previous report (nothing could regress)";
        } else if (code == ExitCodes.REGRESSION) {
            kind = "reg";
            List<String> failed = failedSteps(r);
            text = "REGRESSION (exit 1)" + (failed.isEmpty() ? "" : "; also " + String.join(", ", failed) + " failed");
        } else {
            kind = "harness";
            text = "HARNESS FAILURE (exit " + code + "): " + String.join(", ", failedSteps(r)) + " failed";
        }
        List<String> regressed = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (StepState s : r.steps()) {
            if (s.result() != null) {
                s.result().regressions().forEach(x -> regressed.add(s.name() + ": " + x));
                s.result().news().forEach(x -> news.add(s.name() + ": " + x));
            }
        }
        return new JobVerdict(kind, text, regressed, news, previous);
    }

    private static int[] codesOfFinished(JobReport r) {
        return r.steps().stream().filter(s -> s.status() != StepState.Status.RUNNING).mapToInt(StepState::code).toArray();
    }

    private static List<String> failedSteps(JobReport r) {
        return r.steps().stream().filter(s -> s.code() == ExitCodes.HARNESS || s.code() == ExitCodes.USAGE)
                .map(s -> s.name() + (s.status() == StepState.Status.CRASHED ? " (crashed)" : "")).toList();
    }
}
