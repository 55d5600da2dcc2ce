package org.pcistress.tools.job;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.report.GitHubActions;

/**
 * Progress lines stamped with the time since the job started: {@code [  4m05s] stress: ...}. In a
 * GitHub Actions job the sub-lines under each step line (a matrix's 119 cells, jcstress's tests)
 * are folded into a group titled by that line, and regressions become error annotations.
 */
public final class Progress {
    /** GitHub shows the first 10 error annotations of a step; the rest are counted in one. */
    static final int MAX_ANNOTATIONS = 10;

    private final PrintWriter out;
    private final Clock clock;
    private final Instant start;
    private final GitHubActions gh;
    private String lastStepLine = "";
    private boolean grouped;

    public Progress(PrintWriter out, Clock clock) {
        this(out, clock, GitHubActions.from(System.getenv(), out));
    }

    public Progress(PrintWriter out, Clock clock, GitHubActions gh) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
        this.gh = gh;
    }

    /** Time since the job started. */
    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    /** A line of the job's own. */
    public synchronized void step(String step, String message) {
        endGroup();
        lastStepLine = step + ": " + message;
        out.printf("[%8s] %s: %s%n", Durations.format(elapsed()), step, message);
        out.flush();
    }

    /** A line of a step's own progress (a subcommand's output), indented under the step's lines. */
    public synchronized void sub(String step, String line) {
        if (gh.on() && !grouped) {
            gh.group(lastStepLine.isEmpty() ? step : lastStepLine);
            grouped = true;
        }
        out.printf("[%8s]   %s | %s%n", Durations.format(elapsed()), step, line);
        out.flush();
    }

    /** Closes the open group, if any. */
    public synchronized void endGroup() {
        if (grouped) {
            gh.endGroup();
            grouped = false;
        }
    }

    /** One error annotation per line (the first {@value #MAX_ANNOTATIONS}), under GitHub Actions. */
    public synchronized void annotate(String title, java.util.List<String> lines) {
        endGroup();
        lines.stream().limit(MAX_ANNOTATIONS).forEach(l -> gh.error(title, l));
        if (lines.size() > MAX_ANNOTATIONS) {
            gh.error(title, (lines.size() - MAX_ANNOTATIONS) + " more: see the run summary and index.html");
        }
    }
}
