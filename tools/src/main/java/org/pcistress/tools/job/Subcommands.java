package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** How a step runs another pcistress subcommand (stress, matrix, bench, ...). */
public interface Subcommands {

    /** Whether this build has the subcommand {@code name} (a branch not merged yet has not). */
    boolean has(String name);

    /**
     * Runs {@code pcistress args...}; its output goes to {@code progress} (as the step's sub-lines) and to
     * {@code log}. Killed, with its children, after {@code hardStop}.
     */
    Outcome run(String step, Path log, Duration hardStop, Progress progress, String... args)
            throws IOException, InterruptedException;

    /** How it ended: its exit code, or killed at the bound. */
    record Outcome(int code, boolean timedOut) {
    }
}
