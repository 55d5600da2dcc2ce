package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.ReportFiles;
import org.pcistress.tools.job.Specs.Spec;
import org.pcistress.tools.matrix.MatrixFiles;

/**
 * The scenario matrix for each profile and for the newest profile with each fix
 * ({@code pcistress matrix --profile SPEC --out matrix/SPEC}), then the diffs: along the version
 * line and newest profile to each fix (news: what each version and each fix changes), and each
 * spec against the previous report (a failure kind a cell did not have there is a regression). The diffs are the explorer's {@link MatrixDiff}, as in {@code matrix-diff}.
 */
public final class MatrixStep extends SubcommandStep {
    /** Time kept back for each matrix still to run, so that one slow spec cannot take them all. */
    static final Duration RESERVE = Duration.ofSeconds(10);
    /** The least time one spec's matrix needs (measured: 12 to 15 s on the loaded 2-core machine). */
    static final Duration PER_SPEC = Duration.ofSeconds(15);

    public MatrixStep(Subcommands cli) {
        super("matrix", cli);
    }

    @Override
    public int weight(JobPlan plan) {
        return 4;
    }

    /** A matrix takes about 15 s on a loaded 2-core machine: less cannot finish them all. */
    @Override
    public Duration minimum(JobPlan plan) {
        return PER_SPEC.multipliedBy(plan.matrixSpecs().size());
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException, InterruptedException {
        Optional<StepResult> missing = missing();
        if (missing.isPresent()) {
            return missing.get();
        }
        List<Spec> specs = ctx.plan().matrixSpecs();
        Map<Spec, MatrixResult> results = new LinkedHashMap<>();
        List<StepResult.Link> links = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            Path out = Files.createDirectories(ctx.dir().resolve(spec.folder()));
            // what is left of the step's bound, less a little for each spec still to come
            Duration left = ctx.hardStop().minusNanos(System.nanoTime() - start);
            Duration bound = left.minus(RESERVE.multipliedBy(specs.size() - i - 1));
            bound = bound.compareTo(RESERVE) < 0 ? RESERVE : bound;
            ctx.progress().step(name(), "matrix --profile " + spec + " (" + (i + 1) + "/" + specs.size() + ")");
            Subcommands.Outcome o = cli.run(name(), out.resolve("log.txt"), bound, ctx.progress(),
                    "matrix", "--profile", spec.toString(), "--out", out.toString());
            ReportFiles.first(out, "matrix.html").ifPresent(p -> links.add(new StepResult.Link(spec.toString(),
                    ReportFiles.rel(ctx.dir(), p))));
            links.add(new StepResult.Link(spec + " log", "matrix/" + spec + "/log.txt"));
            if (o.timedOut() || o.code() != ExitCodes.OK) {
                failures.add("matrix " + spec + (o.timedOut() ? ": killed at the bound" : ": exit " + o.code()));
                continue;
            }
            try {
                results.put(spec, MatrixFiles.read(out));
            } catch (IOException e) {
                failures.add("matrix " + spec + ": " + e.getMessage());
            }
        }
        List<String> introduced = new ArrayList<>();
        List<String> coverage = new ArrayList<>();
        List<String> news = new ArrayList<>();
        Map<Spec, Map<String, String>> worse = new LinkedHashMap<>();
        StringBuilder md = new StringBuilder("# Matrix diffs\n");
        versionLine(ctx, results, news, md);
        fixes(ctx, results, news, md);
        sincePrevious(ctx, results, introduced, coverage, news, md, worse);
        org.pcistress.tools.cli.AtomicFiles.write(ctx.dir().resolve("diffs.md"), md.toString());
        Files.writeString(ctx.dir().resolve("diffs.html"), MatrixPages.diffsHtml(md.toString()));
        Map<Spec, MatrixTriage.Row> triage = MatrixPages.triageAndJunit(ctx.dir(), results, worse, Instant.now());
        triage.forEach((spec, row) -> MatrixPages.addBackLinks(ctx.dir().resolve(spec.toString()).resolve("matrix.html"), row));
        links.add(0, new StepResult.Link("diffs", "matrix/diffs.html"));
        links.add(1, new StepResult.Link("diffs (Markdown)", "matrix/diffs.md"));
        links.add(2, new StepResult.Link("JUnit XML", "matrix/junit.xml"));
        List<String> regressions = new ArrayList<>(introduced);
        regressions.addAll(failures);
        regressions.addAll(coverage);
        int code = ExitCodes.combine(failures.isEmpty() && coverage.isEmpty() ? ExitCodes.OK : ExitCodes.HARNESS,
                introduced.isEmpty() ? ExitCodes.OK : ExitCodes.REGRESSION);
        List<String> counts = new ArrayList<>();
        results.forEach((s, r) -> counts.add(s + " " + r.failing() + "/" + r.cells().size() + " failing, "
                + r.proved() + " proved"));
        String headline = String.join(", ", counts);
        if (!failures.isEmpty()) {
            headline = failures.size() + " of " + specs.size() + " matrices failed to run; " + headline;
        }
        return new StepResult(code, headline, regressions, news, links);
    }

    /** Consecutive profiles: what each kernel version changed. Information, not regressions. */
    private static void versionLine(StepContext ctx, Map<Spec, MatrixResult> results, List<String> news,
                                    StringBuilder md) {
        List<Spec> profiles = ctx.plan().profiles();
        md.append("\n## Along the version line\n");
        for (int i = 1; i < profiles.size(); i++) {
            diff(results.get(profiles.get(i - 1)), results.get(profiles.get(i)), md).ifPresent(d -> news.add(
                    d.to() + ": fixes " + d.fixed().size() + " cell(s) of " + d.from() + ", introduces a failure in "
                            + d.introduced().size()));
        }
    }

    /**
     * Newest profile to newest + fix: what each fix fixes and what it introduces. News, not a
     * regression: a proposal that trades one deadlock for another is a finding to read, every night
     * alike; that it changed since the previous report is the regression.
     */
    private static void fixes(StepContext ctx, Map<Spec, MatrixResult> results, List<String> news,
                              StringBuilder md) {
        List<Spec> all = ctx.plan().matrixSpecs();
        md.append("\n## Fixes on ").append(ctx.plan().newest()).append('\n');
        for (Spec spec : all.subList(ctx.plan().profiles().size(), all.size())) {
            diff(results.get(ctx.plan().newest()), results.get(spec), md).ifPresent(d -> news.add(spec + ": fixes "
                    + d.fixed().size() + " cell(s), introduces a failure in " + d.introduced().size()));
        }
    }

    /**
     * Each spec against the same spec in the previous report. A failure kind a cell did not have
     * there is a regression. What the run cannot compare is a failure of coverage (exit 3), never
     * news: a spec the previous report has and this run lacks, or a previous matrix that does not
     * read. Only a spec the previous report never ran is news.
     */
    private static void sincePrevious(StepContext ctx, Map<Spec, MatrixResult> results, List<String> regressions,
                                      List<String> coverage, List<String> news, StringBuilder md,
                                      Map<Spec, Map<String, String>> worse) {
        md.append("\n## Since the previous report\n");
        if (ctx.previous().isEmpty()) {
            md.append("\nNo previous report.\n");
            return;
        }
        Path before = ctx.previous().get().resolve("matrix");
        md.append("\nCompared with ").append(ctx.previous().get()).append(".\n");
        results.forEach((spec, now) -> {
            if (ReportFiles.first(before.resolve(spec.folder()), MatrixFiles.FILE).isEmpty()) {
                news.add(spec + ": new, not in the previous report");
                return;
            }
            MatrixResult old;
            try {
                old = MatrixFiles.read(before.resolve(spec.folder()));
            } catch (IOException e) {
                coverage.add(spec + ": not compared with the previous report, its matrix does not read ("
                        + e.getMessage() + ")");
                return;
            }
            diff(old, now, md).ifPresent(d -> {
                d.introduced().forEach(c -> {
                    regressions.add(spec + " " + MatrixFiles.line(c));
                    worse.computeIfAbsent(spec, k -> new LinkedHashMap<>()).put(c.key(), "worse since "
                            + ctx.previous().get().getFileName() + ": " + MatrixFiles.line(c));
                });
                d.changes().stream().filter(c -> c.status() == MatrixDiff.Status.ONLY_ONE_SIDE && c.toVerdict()
                        .equals("\u2014")).forEach(c -> coverage.add(spec + " " + c.key()
                        + ": in the previous report, not in this run (coverage lost)"));
                d.changes().stream().filter(c -> c.status() != MatrixDiff.Status.INTRODUCED
                        && !(c.status() == MatrixDiff.Status.ONLY_ONE_SIDE && c.toVerdict().equals("\u2014")))
                        .forEach(c -> news.add(spec + " " + MatrixFiles.line(c)));
            });
        });
        java.util.Set<String> planned = new java.util.HashSet<>();
        ctx.plan().matrixSpecs().forEach(s -> planned.add(s.toString()));
        for (String spec : MatrixFiles.specsIn(before)) {
            if (!planned.contains(spec)) {
                coverage.add(spec + ": in the previous report, not run now (coverage lost; --baseline picks"
                        + " another report to compare with)");
            }
        }
    }

    /** The diff of two matrices into {@code md}; empty when one is missing. */
    private static Optional<MatrixDiff> diff(MatrixResult a, MatrixResult b, StringBuilder md) {
        if (a == null || b == null) {
            md.append("\n(not compared: ").append(a == null ? "the first" : "the second").append(" matrix is missing)\n");
            return Optional.empty();
        }
        MatrixDiff d = MatrixDiff.compare(a, b);
        md.append("\n```\n").append(d.text()).append("```\n");
        return Optional.of(d);
    }
}
