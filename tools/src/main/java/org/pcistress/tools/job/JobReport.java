package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    private final RunFacts facts;
    private Instant finished;
    private int code;

    public JobReport(Path dir, JobPlan plan, Instant started, Optional<Path> previous, List<StepState> steps) {
        this(dir, plan, started, previous, steps, RunFacts.here());
    }

    public JobReport(Path dir, JobPlan plan, Instant started, Optional<Path> previous, List<StepState> steps,
                     RunFacts facts) {
        this.facts = facts;
        this.dir = dir;
        this.plan = plan;
        this.started = started;
        this.previous = previous;
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

    /** Marks the job finished with {@code exitCode} and writes both files. */
    public void finish(Instant at, int exitCode) throws IOException {
        finished = at;
        code = exitCode;
        write();
    }

    /** Writes job.json, index.html and summary.md (each replaced atomically). */
    public void write() throws IOException {
        replace(dir.resolve(ReportFolders.RECORD), JSON.writeValueAsString(FormatVersion.JOB.stamp(toJson())));
        replace(dir.resolve("index.html"), IndexPage.render(this));
        replace(dir.resolve(SUMMARY), SummaryMarkdown.render(this));
    }

    private ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
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
        root.putObject("build").put("version", facts.build().version()).put("commit", facts.build().commit())
                .put("dirty", facts.build().dirty());
        root.put("jdk", facts.jdk());
        root.set("machine", JSON.valueToTree(facts.machine()));
        ArrayNode arr = root.putArray("steps");
        for (StepState s : steps) {
            ObjectNode n = arr.addObject();
            n.put("name", s.name());
            n.put("status", s.status().name());
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
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
