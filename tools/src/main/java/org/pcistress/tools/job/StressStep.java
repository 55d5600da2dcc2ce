package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcistress.tools.ExitCodes;

/**
 * The budgeted jcstress pass with its canaries ({@code pcistress stress --budget B --out stress}):
 * its exit code is the step's; the summary is compared with the previous report's.
 */
public final class StressStep implements JobStep {
    static final String SUMMARY = "summary.json";

    private final Subcommands cli;

    public StressStep(Subcommands cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "stress";
    }

    @Override
    public int weight(JobPlan plan) {
        return plan.stressFrom().isPresent() ? 0 : 5;
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException, InterruptedException {
        Subcommands.Outcome o;
        if (ctx.plan().stressFrom().isPresent()) {
            Path from = ctx.plan().stressFrom().get();
            ctx.progress().step(name(), "taking the jcstress result from " + from);
            copyTree(from, ctx.dir());
            o = new Subcommands.Outcome(ExitCodes.OK, false);
        } else if (!cli.has("stress")) {
            return StepResult.harness("this build has no 'stress' command", List.of());
        } else {
            o = cli.run(name(), ctx.dir().resolve("log.txt"), ctx.hardStop(), ctx.progress(),
                    "stress", "--budget", Durations.format(ctx.budget()), "--out", ctx.dir().toString());
        }
        List<StepResult.Link> links = new ArrayList<>();
        ReportFiles.first(ctx.dir(), "index.html").ifPresent(p -> links.add(link("jcstress report", ctx, p)));
        ReportFiles.first(ctx.dir(), "summary.txt").ifPresent(p -> links.add(link("summary", ctx, p)));
        Optional<Path> json = ReportFiles.first(ctx.dir(), SUMMARY);
        json.ifPresent(p -> links.add(link(SUMMARY, ctx, p)));
        if (Files.isRegularFile(ctx.dir().resolve("log.txt"))) {
            links.add(new StepResult.Link("log", "stress/log.txt"));
        }
        if (o.timedOut()) {
            return StepResult.harness("jcstress killed at the bound (" + Durations.format(ctx.hardStop()) + ")", links);
        }
        if (json.isEmpty()) {
            return StepResult.harness("stress exited " + o.code() + " and wrote no " + SUMMARY, links);
        }
        StressSummary summary;
        try {
            summary = StressSummary.read(json.get());
        } catch (IOException e) {
            return StepResult.harness(e.getMessage(), links);
        }
        List<String> regressions = new ArrayList<>();
        summary.verdicts().forEach((test, verdict) -> {
            if (StressSummary.code(verdict) != ExitCodes.OK) {
                regressions.add(test + ": " + verdict);
            }
        });
        List<String> news = sincePrevious(ctx, summary);
        // the command's own code counts (a silent canary, fewer tests than exist); 2 after our checks is ours
        int code = ExitCodes.combine(o.code() == ExitCodes.USAGE ? ExitCodes.HARNESS : o.code(), summary.code());
        if (code != ExitCodes.OK && regressions.isEmpty()) {
            regressions.add("stress exited " + o.code() + " (see the log)");
        }
        String headline = summary.verdicts().size() + " test variants, " + regressions.size() + " failing, exit " + o.code();
        return new StepResult(code, headline, regressions, news, links);
    }

    private static List<String> sincePrevious(StepContext ctx, StressSummary now) {
        List<String> news = new ArrayList<>();
        Optional<Path> old = ctx.previous().flatMap(p -> ReportFiles.first(p.resolve("stress"), SUMMARY));
        if (ctx.previous().isEmpty()) {
            return news;
        }
        if (old.isEmpty()) {
            news.add("no jcstress summary in the previous report");
            return news;
        }
        try {
            Map<String, String> before = StressSummary.read(old.get()).verdicts();
            now.verdicts().forEach((test, v) -> {
                String was = before.get(test);
                if (was == null) {
                    news.add(test + ": new, " + v);
                } else if (!was.equals(v)) {
                    news.add(test + ": " + was + " -> " + v);
                }
            });
            before.keySet().stream().filter(t -> !now.verdicts().containsKey(t)).forEach(t -> news.add(t + ": not run"));
        } catch (IOException e) {
            news.add("previous jcstress summary unreadable (" + e.getMessage() + ")");
        }
        return news;
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

    private static StepResult.Link link(String label, StepContext ctx, Path p) {
        return new StepResult.Link(label, ReportFiles.rel(ctx.dir(), p));
    }
}
