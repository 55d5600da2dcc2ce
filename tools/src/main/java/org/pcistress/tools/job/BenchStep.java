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
 * results, and against {@code --pinned-baseline} when given: either's exit 1 is the step's
 * regression. The previous report catches a step change; the pinned one catches creep, a few percent
 * a night that no night-to-night comparison flags.
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
        Optional<Path> pinned = ctx.plan().pinnedBenchResults();
        if (baseline.isEmpty() && pinned.isEmpty()) {
            return new StepResult(ExitCodes.OK, "quick pass done; no baseline to compare with", List.of(), List.of(), links);
        }
        List<Verdict> verdicts = new ArrayList<>();
        if (baseline.isPresent()) {
            verdicts.add(compare(ctx, results.get(), baseline.get(), "compare", "against " + baseline.get(), true, links));
        }
        if (pinned.isPresent()) {
            verdicts.add(compare(ctx, results.get(), pinned.get(), "compare-pinned",
                    "against the pinned baseline " + pinned.get(), baseline.isEmpty(), links));
        }
        int code = ExitCodes.combine(verdicts.stream().mapToInt(v -> v.result().code()).toArray());
        List<String> regressions = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v.result().code() == code) {
                regressions.addAll(v.result().regressions());
            }
            news.addAll(v.result().news());
        }
        String headline = String.join("; ", verdicts.stream().map(v -> v.result().headline()).toList());
        return new StepResult(code, headline, code == ExitCodes.OK ? List.of() : regressions, news, links);
    }

    /** One comparison's result, named for the file it wrote. */
    private record Verdict(String file, StepResult result) {
    }

    /**
     * {@code bench-compare BASELINE NEW} into {@code FILE.txt} and {@code FILE.json}. {@code report}: it
     * also puts its verdict table at the top of report.html (the previous report's comparison does, or
     * the pinned one's when there is no previous report).
     */
    private Verdict compare(StepContext ctx, Path results, Path baseline, String file, String against, boolean report,
                            List<StepResult.Link> links) throws IOException, InterruptedException {
        Path compare = ctx.dir().resolve(file + ".txt");
        Files.deleteIfExists(compare);
        List<String> args = new ArrayList<>(List.of("bench-compare", baseline.toString(), results.toString(),
                "--threshold", THRESHOLD, "--json", ctx.dir().resolve(file + ".json").toString()));
        if (report) {
            args.addAll(List.of("--report", results.getParent().toString()));
        }
        Subcommands.Outcome c = cli.run(name(), compare, ctx.hardStop(), ctx.progress(), args.toArray(String[]::new));
        String label = file.equals("compare") ? "comparison" : "comparison with the pinned baseline";
        int at = (int) links.stream().filter(l -> l.path().startsWith("bench/compare")).count();
        links.add(at, new StepResult.Link(label, "bench/" + file + ".txt"));
        links.add(at + 1, new StepResult.Link(label + " (JSON)", "bench/" + file + ".json"));
        List<String> improvements = lines(compare, "IMPROVEMENT");
        StepResult r = switch (c.timedOut() ? ExitCodes.HARNESS : c.code()) {
            case ExitCodes.OK -> new StepResult(ExitCodes.OK, "no regression beyond " + THRESHOLD + "% among the "
                    + "benchmarks that could detect one " + against, List.of(), improvements, links);
            case ExitCodes.REGRESSION -> new StepResult(ExitCodes.REGRESSION,
                    "slower by more than " + THRESHOLD + "% " + against, regressionLines(compare, file), improvements,
                    links);
            // 2: not comparable (another machine, no benchmark in common, an old format): said, not failed
            case ExitCodes.USAGE -> new StepResult(ExitCodes.OK, "not compared " + against, List.of(),
                    List.of("benchmarks not compared " + against + ": see bench/" + file + ".txt"), links);
            default -> StepResult.harness("bench-compare exited " + c.code() + " " + against, links);
        };
        return new Verdict(file, r);
    }

    /** bench-compare's REGRESSION lines (against the pinned baseline: marked so), or one line pointing at its output. */
    private static List<String> regressionLines(Path compare, String file) throws IOException {
        String mark = file.equals("compare") ? "" : "(pinned) ";
        List<String> hits = lines(compare, "REGRESSION").stream().map(l -> mark + l).toList();
        return hits.isEmpty() ? List.of("see bench/" + file + ".txt") : hits;
    }

    /** bench-compare's lines with {@code verdict} (it prints the verdict first on each line). */
    private static List<String> lines(Path compare, String verdict) throws IOException {
        List<String> all = Files.isRegularFile(compare) ? Files.readAllLines(compare) : List.of();
        return all.stream().filter(l -> l.startsWith(verdict)).toList();
    }
}
