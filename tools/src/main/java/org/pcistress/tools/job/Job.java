package org.pcistress.tools.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.Signals;

/**
 * The main job: creates one dated report folder, runs each step in its share of the budget, keeps
 * job.json and index.html current after every step, and returns the combined exit code.
 * The plan has been checked before; from here on, failures are harness failures (exit 3).
 */
public final class Job {
    /** No step gets less than this, whatever the budget left. */
    static final Duration MIN_SHARE = Duration.ofSeconds(30);

    private final List<JobStep> steps;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;
    private volatile String current;
    /** Set by the shutdown hook: no further step may start. */
    private volatile boolean stopping;

    public Job(List<JobStep> steps, Clock clock, PrintWriter out) {
        this(steps, clock, out, out);
    }

    /** A job that prints progress to {@code out} and what went wrong with the job itself to {@code err}. */
    public Job(List<JobStep> steps, Clock clock, PrintWriter out, PrintWriter err) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public int run(JobPlan plan) {
        Progress progress = new Progress(out, clock);
        Instant started = clock.instant();
        JobReport report;
        List<StepState> states = new ArrayList<>();
        ReportLock lock;
        try {
            Path dir = ReportFolders.create(plan.parent(), started);
            lock = ReportLock.acquire(dir);
            Baselines.Choice baseline = plan.baselineReport().isPresent()
                    ? new Baselines.Choice(plan.baselineReport(), List.of()) : Baselines.choose(plan.parent(), dir);
            steps.forEach(s -> states.add(new StepState(s.name())));
            report = new JobReport(dir, plan, started, baseline, states);
            report.write();
            progress.step("run", "report folder " + dir + baseline.report().map(p -> ", comparing with " + p
                    + (plan.baselineReport().isPresent() ? " (--baseline)" : " (the newest complete report)"))
                    .orElse(", no complete report to compare with"));
            baseline.skipped().forEach(s -> progress.step("run", "not a baseline: " + s));
        } catch (IOException e) {
            fail("cannot create the report folder in " + plan.parent() + ": " + e.getMessage());
            return ExitCodes.HARNESS;
        }
        Thread hook = new Thread(() -> stopped(report, lock), "mark the report interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < steps.size() && !stopping; i++) {
                current = steps.get(i).name();
                runStep(i, plan, report, states, progress);
            }
            current = null;
            int code = ExitCodes.combine(states.stream().mapToInt(StepState::code).toArray());
            progress.annotate("pcistress: regressed or failed", JobVerdict.of(report).regressed());
            try {
                report.finish(clock.instant(), code);
            } catch (IOException e) {
                fail("cannot write the report: " + e.getMessage() + "; " + report.dir()
                        + " is left unfinished and will not be a baseline");
                return ExitCodes.HARNESS;
            }
            progress.step("run", verdictLine(code, states) + "; report " + report.dir().resolve("index.html"));
            return code;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
            lock.close();
        }
    }

    /** The shutdown hook: the job is stopped before its end; the report says so, with the step and the cause. */
    private void stopped(JobReport report, ReportLock lock) {
        stopping = true;
        String step = current;
        String cause = Signals.cause().orElse("the process was shut down");
        try {
            report.stop(JobState.INTERRUPTED, step, cause, clock.instant());
        } catch (IOException e) {
            err.println("run: cannot mark " + report.dir() + " interrupted: " + e.getMessage());
        }
        err.println("run: INTERRUPTED" + (step == null ? "" : " during " + step) + ": " + cause + "; report "
                + report.dir().resolve("index.html"));
        err.flush();
        lock.close();
    }

    private void fail(String message) {
        err.println("run: " + message);
        err.flush();
    }

    private void runStep(int i, JobPlan plan, JobReport report, List<StepState> states, Progress progress) {
        JobStep step = steps.get(i);
        StepState state = states.get(i);
        if (plan.skip().contains(step.name())) {
            state.skipped();
            progress.step(step.name(), "skipped");
            writeQuietly(report, progress);
            return;
        }
        Duration share = share(i, plan, progress.elapsed());
        Duration hardStop = share.plus(grace(share));
        state.running();
        writeQuietly(report, progress);
        progress.step(step.name(), "started, budget " + Durations.format(share)
                + " (killed after " + Durations.format(hardStop) + ")");
        Instant t0 = clock.instant();
        StepResult result;
        boolean crashed = false;
        try {
            Path dir = Files.createDirectories(report.dir().resolve(step.name()));
            result = step.run(new StepContext(dir, plan, share, hardStop, report.previous(), progress));
        } catch (Exception | Error e) {
            crashed = true;
            result = StepResult.harness("crashed: " + e, List.of(crashLog(report.dir(), step.name(), e)));
        }
        state.finished(result, Duration.between(t0, clock.instant()), crashed);
        progress.step(step.name(), (crashed ? "CRASHED" : word(result.code())) + ": " + result.headline());
        writeQuietly(report, progress);
    }

    /**
     * The step's share of what is left of the budget: the minimum every step still to run declares
     * is reserved for it first, and the rest is split by weight among them.
     */
    private Duration share(int i, JobPlan plan, Duration elapsed) {
        return share(steps, i, plan, plan.budget().minus(elapsed));
    }

    /** {@link #share} for the steps from {@code i} on, with {@code left} of the budget to split. */
    static Duration share(List<JobStep> steps, int i, JobPlan plan, Duration left) {
        long weights = 0;
        Duration reserved = Duration.ZERO;
        for (int j = i; j < steps.size(); j++) {
            if (!plan.skip().contains(steps.get(j).name())) {
                weights += steps.get(j).weight(plan);
                reserved = reserved.plus(steps.get(j).minimum(plan));
            }
        }
        Duration free = left.minus(reserved);
        if (free.isNegative()) {
            free = Duration.ZERO;
        }
        Duration share = free.multipliedBy(steps.get(i).weight(plan)).dividedBy(Math.max(1, weights))
                .plus(steps.get(i).minimum(plan));
        return share.compareTo(MIN_SHARE) < 0 ? MIN_SHARE : share;
    }

    /** Time a step gets past its share before it is killed: a quarter, at least 30 s. */
    static Duration grace(Duration share) {
        Duration q = share.dividedBy(4);
        return q.compareTo(MIN_SHARE) < 0 ? MIN_SHARE : q;
    }

    private static StepResult.Link crashLog(Path dir, String step, Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String rel = step + "/crash.txt";
        try {
            Files.createDirectories(dir.resolve(step));
            org.pcistress.tools.cli.AtomicFiles.write(dir.resolve(rel), w.toString());
        } catch (IOException ignored) {
            // the index still names the exception
        }
        return new StepResult.Link("stack trace", rel);
    }

    private void writeQuietly(JobReport report, Progress progress) {
        try {
            report.write();
        } catch (IOException e) {
            fail("cannot update " + report.dir().resolve("index.html") + ": " + e.getMessage());
        }
    }

    private static String word(int code) {
        return switch (code) {
            case ExitCodes.OK -> "ok";
            case ExitCodes.REGRESSION -> "REGRESSION";
            default -> "FAILED";
        };
    }

    private static String verdictLine(int code, List<StepState> states) {
        StringBuilder b = new StringBuilder("exit ").append(code).append(" (").append(word(code)).append(")");
        for (StepState s : states) {
            b.append(", ").append(s.name()).append(' ')
                    .append(s.status() == StepState.Status.SKIPPED ? "skipped" : word(s.code()));
        }
        return b.toString();
    }
}
