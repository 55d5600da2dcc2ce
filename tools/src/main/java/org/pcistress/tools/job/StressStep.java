package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.ReportFiles;
import org.pcistress.tools.stress.JarCatalog;
import org.pcistress.tools.stress.RunSummary;
import org.pcistress.tools.stress.StressFiles;
import org.pcistress.tools.stress.TestSummary;
import org.pcistress.tools.stress.Verdict;

/**
 * The budgeted jcstress pass with its canaries ({@code pcistress stress --budget B --out stress}):
 * its exit code is the step's; the summary is compared with the previous report's.
 */
public final class StressStep extends SubcommandStep {
    /** Where the wrapper builds the jcstress jar: what --stress-from's tests are checked against. */
    static final Path JAR = Path.of("tests-jcstress", "target", "jcstress.jar");
    /** The least budget of a jcstress pass: the stress command's own floor for the suite, with room. */
    static final Duration MINIMUM = Duration.ofMinutes(2);

    private final Path jar;

    public StressStep(Subcommands cli) {
        this(cli, JAR);
    }

    /** A step whose {@code --stress-from} results are checked against the tests of {@code jar}. */
    public StressStep(Subcommands cli, Path jar) {
        super("stress", cli);
        this.jar = jar;
    }

    @Override
    public int weight(JobPlan plan) {
        return plan.stressFrom().isPresent() ? 0 : 5;
    }

    @Override
    public Duration minimum(JobPlan plan) {
        return plan.stressFrom().isPresent() ? Duration.ZERO : MINIMUM;
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException, InterruptedException {
        Subcommands.Outcome o;
        if (ctx.plan().stressFrom().isPresent()) {
            Path from = ctx.plan().stressFrom().get();
            ctx.progress().step(name(), "taking the jcstress result from " + from);
            copyTree(from, ctx.dir());
            o = new Subcommands.Outcome(ExitCodes.OK, false);
        } else if (missing().isPresent()) {
            return missing().get();
        } else {
            o = cli.run(name(), ctx.dir().resolve("log.txt"), ctx.hardStop(), ctx.progress(),
                    "stress", "--budget", Durations.format(ctx.budget()), "--out", ctx.dir().toString());
        }
        List<StepResult.Link> links = new ArrayList<>();
        ReportFiles.first(ctx.dir(), "index.html").ifPresent(p -> links.add(link("jcstress report", ctx, p)));
        ReportFiles.first(ctx.dir(), "summary.txt").ifPresent(p -> links.add(link("summary", ctx, p)));
        Optional<Path> json = ReportFiles.first(ctx.dir(), StressFiles.SUMMARY);
        json.ifPresent(p -> links.add(link(StressFiles.SUMMARY, ctx, p)));
        if (Files.isRegularFile(ctx.dir().resolve("log.txt"))) {
            links.add(new StepResult.Link("log", "stress/log.txt"));
        }
        if (o.timedOut()) {
            return StepResult.harness("jcstress killed at the bound (" + Durations.format(ctx.hardStop()) + ")", links);
        }
        if (json.isEmpty()) {
            return StepResult.harness("stress exited " + o.code() + " and wrote no " + StressFiles.SUMMARY, links);
        }
        RunSummary summary;
        try {
            summary = StressFiles.read(json.get());
        } catch (IOException e) {
            return StepResult.harness(e.getMessage(), links);
        }
        List<String> regressions = new ArrayList<>();
        int verdicts = ExitCodes.OK;
        if (ctx.plan().stressFrom().isPresent()) {
            List<String> gaps = coverage(summary);
            regressions.addAll(gaps);
            verdicts = gaps.isEmpty() ? verdicts : ExitCodes.HARNESS;
        }
        for (TestSummary t : summary.tests()) {
            int c = t.verdict().harness() ? ExitCodes.HARNESS : t.verdict().regression() ? ExitCodes.REGRESSION : ExitCodes.OK;
            if (c != ExitCodes.OK) {
                regressions.add(t.shortName() + ": " + t.verdict() + " (" + t.reason() + ")");
            }
            verdicts = ExitCodes.combine(verdicts, c);
        }
        summary.problems().forEach(p -> regressions.add("problem: " + p));
        // the run's own code counts (fewer tests than exist, a kill); with --stress-from, the summary's
        int ran = ctx.plan().stressFrom().isPresent() ? summary.exitCode() : o.code();
        int code = ExitCodes.combine(ran == ExitCodes.USAGE ? ExitCodes.HARNESS : ran, verdicts);
        if (code != ExitCodes.OK && regressions.isEmpty()) {
            regressions.add("stress exited " + ran + " (see the log)");
        }
        String headline = summary.tests().size() + " test variants, " + summary.result() + " (exit " + ran + ")"
                + (summary.complete() ? "" : ", incomplete: " + summary.incompleteBecause());
        List<String> news = new ArrayList<>();
        List<String> lost = sincePrevious(ctx, summary, news);
        if (!lost.isEmpty()) {
            regressions.addAll(lost);
            code = ExitCodes.combine(code, ExitCodes.HARNESS);
        }
        return new StepResult(code, headline, regressions, news, links);
    }

    /**
     * A jcstress result taken from elsewhere (merged shards) must hold every test of this build's
     * jar exactly as a run would: a shard that never uploaded is a hole, not a pass.
     */
    private List<String> coverage(RunSummary summary) {
        List<String> gaps = new ArrayList<>();
        java.util.Set<String> inJar;
        try {
            inJar = new java.util.TreeSet<>(JarCatalog.names(jar));
        } catch (IOException e) {
            return List.of("cannot check which tests --stress-from lacks: " + jar + ": " + e.getMessage());
        }
        java.util.Set<String> got = new java.util.TreeSet<>(StressFiles.verdicts(summary).keySet());
        List<String> missing = inJar.stream().filter(t -> !got.contains(t)).toList();
        if (!missing.isEmpty()) {
            gaps.add("partial: --stress-from has " + (inJar.size() - missing.size()) + " of the " + inJar.size()
                    + " test variants of " + jar + "; missing " + names(missing));
        }
        List<String> unknown = got.stream().filter(t -> !inJar.contains(t)).toList();
        if (!unknown.isEmpty()) {
            gaps.add("--stress-from has test variants this build's jar lacks: " + names(unknown));
        }
        if (!summary.complete() && gaps.isEmpty()) {
            gaps.add("partial: " + summary.incompleteBecause());
        }
        return gaps;
    }

    private static String names(List<String> tests) {
        List<String> shown = tests.stream().limit(5).map(org.pcistress.tools.stress.DeclaredTest::shortName).toList();
        return String.join(", ", shown) + (tests.size() > shown.size() ? " and " + (tests.size() - shown.size())
                + " more" : "");
    }

    /** News since the previous report; returns the tests it had that this run lacks (coverage lost). */
    private static List<String> sincePrevious(StepContext ctx, RunSummary now, List<String> news) {
        List<String> lost = new ArrayList<>();
        Optional<Path> old = ctx.previous().flatMap(p -> ReportFiles.first(p.resolve("stress"), StressFiles.SUMMARY));
        if (ctx.previous().isEmpty()) {
            return lost;
        }
        if (old.isEmpty()) {
            news.add("no jcstress summary in the previous report");
            return lost;
        }
        try {
            Map<String, Verdict> before = StressFiles.verdicts(StressFiles.read(old.get()));
            Map<String, Verdict> after = StressFiles.verdicts(now);
            after.forEach((test, v) -> {
                Verdict was = before.get(test);
                if (was == null) {
                    news.add(test + ": new, " + v);
                } else if (was != v) {
                    news.add(test + ": " + was + " -> " + v);
                }
            });
            before.keySet().stream().filter(t -> !after.containsKey(t))
                    .forEach(t -> lost.add(t + ": in the previous report, not in this run (coverage lost)"));
        } catch (IOException e) {
            lost.add("not compared with the previous report, its jcstress summary does not read (" + e.getMessage()
                    + ")");
        }
        return lost;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
