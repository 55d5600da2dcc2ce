package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.ReportFiles;

/**
 * The quick benchmark pass ({@code pcistress bench --quick --out bench}), then
 * {@code pcistress bench-compare BASELINE NEW} against {@code --baseline} or the previous report's
 * results: its exit 1 is the step's regression.
 */
public final class BenchStep extends SubcommandStep {
    static final String RESULTS = "results.json";
    /** Percent a score may move before bench-compare calls it a regression. */
    static final String THRESHOLD = "5";

    public BenchStep(Subcommands cli) {
        super("bench", cli);
    }

    @Override
    public int weight(JobPlan plan) {
        return 2;
    }

    /**
     * JMH's quick pass is time-based, not work-based: 2 forks of 1 + 3 half-second iterations for
     * each of about 95 benchmark configurations, about 5 s each with the JVM starts, so about 8
     * minutes on any machine.
     */
    @Override
    public java.time.Duration minimum() {
        return java.time.Duration.ofMinutes(8);
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException, InterruptedException {
        Optional<StepResult> missing = missing();
        if (missing.isPresent()) {
            return missing.get();
        }
        // bench bounds JMH by our hard stop; ours, a minute later, is the backstop
        Subcommands.Outcome o = cli.run(name(), ctx.dir().resolve("log.txt"), ctx.hardStop().plusMinutes(1),
                ctx.progress(), "bench", "--quick", "--timeout", ctx.hardStop().toSeconds() + "s",
                "--out", ctx.dir().toString());
        List<StepResult.Link> links = new ArrayList<>();
        MatrixPages.insertAfterBody(ctx.dir().resolve("report.html"), MatrixPages.BACK);
        // report.html carries the charts (inline SVG)
        for (String f : List.of("report.html", "report.md", RESULTS)) {
            ReportFiles.first(ctx.dir(), f).ifPresent(p -> links.add(link(f, ctx, p)));
        }
        ReportFiles.all(ctx.dir(), p -> p.toString().endsWith(".svg") || p.toString().endsWith(".png"))
                .forEach(p -> links.add(link("chart " + p.getFileName(), ctx, p)));
        links.add(new StepResult.Link("log", "bench/log.txt"));
        Optional<Path> results = ReportFiles.first(ctx.dir(), RESULTS);
        if (o.timedOut() || o.code() != ExitCodes.OK || results.isEmpty()) {
            return StepResult.harness(o.timedOut() ? "benchmarks killed at the bound"
                    : "bench exited " + o.code() + (results.isEmpty() ? " and wrote no " + RESULTS : ""), links);
        }
        Optional<Path> baseline = ctx.plan().baselineBenchResults()
                .or(() -> ctx.previous().flatMap(p -> ReportFiles.first(p.resolve("bench"), RESULTS)));
        if (baseline.isEmpty()) {
            return new StepResult(ExitCodes.OK, "quick pass done; no baseline to compare with", List.of(), List.of(), links);
        }
        Path compare = ctx.dir().resolve("compare.txt");
        Files.deleteIfExists(compare);
        // compare.json for machines; --report puts the verdict table at the top of report.html
        Subcommands.Outcome c = cli.run(name(), compare, ctx.hardStop(), ctx.progress(), "bench-compare",
                baseline.get().toString(), results.get().toString(), "--threshold", THRESHOLD,
                "--json", ctx.dir().resolve("compare.json").toString(), "--report", results.get().getParent().toString());
        links.add(0, new StepResult.Link("comparison", "bench/compare.txt"));
        links.add(1, new StepResult.Link("comparison (JSON)", "bench/compare.json"));
        String against = "against " + baseline.get();
        return switch (c.timedOut() ? ExitCodes.HARNESS : c.code()) {
            case ExitCodes.OK -> new StepResult(ExitCodes.OK, "no regression beyond " + THRESHOLD + "% among the "
                    + "benchmarks that could detect one " + against,
                    List.of(), lines(compare, "IMPROVEMENT"), links);
            case ExitCodes.REGRESSION -> new StepResult(ExitCodes.REGRESSION,
                    "slower by more than " + THRESHOLD + "% " + against, regressionLines(compare),
                    lines(compare, "IMPROVEMENT"), links);
            // 2: not comparable (no benchmark in common, an old format): said, not failed
            case ExitCodes.USAGE -> new StepResult(ExitCodes.OK, "not compared " + against, List.of(),
                    List.of("benchmarks not compared with the baseline: see bench/compare.txt"), links);
            default -> StepResult.harness("bench-compare exited " + c.code() + " " + against, links);
        };
    }

    /** bench-compare's REGRESSION lines, or one line pointing at its output. */
    private static List<String> regressionLines(Path compare) throws IOException {
        List<String> hits = lines(compare, "REGRESSION");
        return hits.isEmpty() ? List.of("see bench/compare.txt") : hits;
    }

    /** bench-compare's lines with {@code verdict} (it prints the verdict first on each line). */
    private static List<String> lines(Path compare, String verdict) throws IOException {
        List<String> all = Files.isRegularFile(compare) ? Files.readAllLines(compare) : List.of();
        return all.stream().filter(l -> l.startsWith(verdict)).toList();
    }
}
