package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.report.FormatVersion;

/**
 * One report folder's job.json and index.html, rewritten after every step so that a run that dies
 * half way still leaves a folder that says how far it got.
 */
public final class JobReport {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The run page in Markdown (a CI step summary). */
    static final String SUMMARY = "summary.md";

    private final Path dir;
    private final JobPlan plan;
    private final Instant started;
    private final Optional<Path> previous;
    private final List<StepState> steps;
    private final List<String> skippedBaselines;
    private final RunFacts facts;
    private Instant finished;
    private int code;
    private JobState state = JobState.RUNNING;
    private String stoppedStep;
    private String cause;

    public JobReport(Path dir, JobPlan plan, Instant started, Optional<Path> previous, List<StepState> steps) {
        this(dir, plan, started, new Baselines.Choice(previous, List.of()), steps, RunFacts.here());
    }

    /** A report compared with {@code baseline}'s report (and saying which newer ones it skipped). */
    public JobReport(Path dir, JobPlan plan, Instant started, Baselines.Choice baseline, List<StepState> steps) {
        this(dir, plan, started, baseline, steps, RunFacts.here());
    }

    public JobReport(Path dir, JobPlan plan, Instant started, Optional<Path> previous, List<StepState> steps,
                     RunFacts facts) {
        this(dir, plan, started, new Baselines.Choice(previous, List.of()), steps, facts);
    }

    /** A report of a run on {@code facts}' build and machine, compared with {@code baseline}. */
    public JobReport(Path dir, JobPlan plan, Instant started, Baselines.Choice baseline, List<StepState> steps,
                     RunFacts facts) {
        this.facts = facts;
        this.dir = dir;
        this.plan = plan;
        this.started = started;
        this.previous = baseline.report();
        this.skippedBaselines = baseline.skipped();
        this.steps = List.copyOf(steps);
    }

    public Path dir() {
        return dir;
    }

    Instant started() {
        return started;
    }

    Optional<Path> previous() {
        return previous;
    }

    List<StepState> steps() {
        return steps;
    }

    JobPlan plan() {
        return plan;
    }

    RunFacts facts() {
        return facts;
    }

    /** A time as reports print it: ISO-8601, UTC, to the second. */
    static String stamp(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code null} while the job runs. */
    Instant finished() {
        return finished;
    }

    int code() {
        return code;
    }

    synchronized JobState state() {
        return state;
    }

    /** The step that was running when the job was stopped, or {@code null}. */
    synchronized String stoppedStep() {
        return stoppedStep;
    }

    /** Why the job was stopped or failed, or {@code null}. */
    synchronized String cause() {
        return cause;
    }

    List<String> skippedBaselines() {
        return skippedBaselines;
    }

    /**
     * Marks the job finished with {@code exitCode} and writes both files: COMPLETE, unless it was
     * stopped before (it stays INTERRUPTED: a stopped run is never a baseline).
     */
    public synchronized void finish(Instant at, int exitCode) throws IOException {
        if (state != JobState.RUNNING) {
            return;
        }
        finished = at;
        code = exitCode;
        state = JobState.COMPLETE;
        render();
    }

    /**
     * Marks the job stopped from outside (a signal) or failed (its report could not be written)
     * while {@code step} ran, and writes both files for the last time: what the stopped process
     * still does while it goes down does not change them.
     */
    public synchronized void stop(JobState how, String step, String why, Instant at) throws IOException {
        if (state == JobState.COMPLETE || state == JobState.INTERRUPTED) {
            return;
        }
        state = how;
        stoppedStep = step;
        cause = why;
        finished = at;
        code = org.pcistress.tools.cli.ExitCodes.HARNESS;
        render();
    }

    /**
     * Writes index.html, then job.json (each replaced atomically): job.json last, so a write that
     * fails half way (a full disk) never leaves a job.json that says more than the index.
     */
    public synchronized void write() throws IOException {
        if (state == JobState.INTERRUPTED || state == JobState.FAILED) {
            return;
        }
        render();
    }

    private void render() throws IOException {
        replace(dir.resolve("index.html"), IndexPage.render(this));
        replace(dir.resolve(SUMMARY), SummaryMarkdown.render(this));
        replace(dir.resolve(ReportFolders.RECORD), JSON.writeValueAsString(FormatVersion.JOB.stamp(toJson())));
    }

    private ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("state", state.name());
        if (stoppedStep != null || cause != null) {
            root.putObject("interrupted").put("step", stoppedStep).put("cause", cause);
        }
        root.put("started", stamp(started));
        root.put("finished", finished == null ? null : stamp(finished));
        if (finished != null) {
            root.put("code", code);
        }
        root.put("budget", Durations.format(plan.budget()));
        ArrayNode profiles = root.putArray("profiles");
        plan.profiles().forEach(p -> profiles.add(p.toString()));
        ArrayNode fixes = root.putArray("fixes");
        plan.fixes().forEach(fixes::add);
        root.put("previous", previous.map(Path::toString).orElse(null));
        skippedBaselines.forEach(root.putArray("previousSkipped")::add);
        root.put("pinned", plan.pinned().map(Path::toString).orElse(null));
        root.putObject("build").put("version", facts.build().version()).put("commit", facts.build().commit())
                .put("dirty", facts.build().dirty());
        root.put("jdk", facts.jdk());
        root.set("machine", JSON.valueToTree(facts.machine()));
        ArrayNode arr = root.putArray("steps");
        for (StepState s : steps) {
            ObjectNode n = arr.addObject();
            n.put("name", s.name());
            n.put("status", s.name().equals(stoppedStep) && s.status() == StepState.Status.RUNNING
                    ? "INTERRUPTED" : s.status().name());
            n.put("code", s.code());
            n.put("seconds", s.elapsed().toSeconds());
            StepResult r = s.result();
            if (r != null) {
                n.put("headline", r.headline());
                r.regressions().forEach(n.putArray("regressions")::add);
                r.news().forEach(n.putArray("news")::add);
                ArrayNode links = n.putArray("links");
                r.links().forEach(l -> links.addObject().put("label", l.label()).put("path", l.path()));
            }
        }
        return root;
    }

    private static void replace(Path target, String text) throws IOException {
        org.pcistress.tools.cli.AtomicFiles.write(target, text);
    }
}
