package org.pcistress.tools.job;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.pcistress.tools.cli.Durations;

/** Progress lines stamped with the time since the job started: {@code [  4m05s] stress: ...}. */
public final class Progress {
    private final PrintWriter out;
    private final Clock clock;
    private final Instant start;

    public Progress(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** Time since the job started. */
    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    /** A line of the job's own. */
    public synchronized void step(String step, String message) {
        out.printf("[%8s] %s: %s%n", Durations.format(elapsed()), step, message);
        out.flush();
    }

    /** A line of a step's own progress (a subcommand's output), indented under the step's lines. */
    public synchronized void sub(String step, String line) {
        out.printf("[%8s]   %s | %s%n", Durations.format(elapsed()), step, line);
        out.flush();
    }
}
