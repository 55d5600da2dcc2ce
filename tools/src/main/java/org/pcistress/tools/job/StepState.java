package org.pcistress.tools.job;

import java.time.Duration;
import java.util.List;
import org.pcistress.tools.cli.ExitCodes;

/** Where one step stands, as job.json and index.html show it. */
public final class StepState {
    /** The life of a step. */
    public enum Status { PENDING, RUNNING, DONE, SKIPPED, CRASHED }

    private final String name;
    private Status status = Status.PENDING;
    private StepResult result;
    private Duration elapsed = Duration.ZERO;

    public StepState(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Status status() {
        return status;
    }

    public StepResult result() {
        return result;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** The step's exit code: OK until it has a result; a step still running when the job stops failed. */
    public int code() {
        if (status == Status.RUNNING) {
            return ExitCodes.HARNESS;
        }
        return result == null ? ExitCodes.OK : result.code();
    }

    void running() {
        status = Status.RUNNING;
    }

    void skipped() {
        status = Status.SKIPPED;
        result = new StepResult(ExitCodes.OK, "skipped (--skip)", List.of(), List.of(), List.of());
    }

    void finished(StepResult r, Duration took, boolean crashed) {
        status = crashed ? Status.CRASHED : Status.DONE;
        result = r;
        elapsed = took;
    }
}
