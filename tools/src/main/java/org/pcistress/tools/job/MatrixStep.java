package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcistress.tools.ExitCodes;
import org.pcistress.tools.job.Specs.Spec;

/**
 * The scenario matrix for each profile and for the newest profile with each fix
 * ({@code pcistress matrix --profile SPEC --out matrix/SPEC}), then the diffs: along the version
 * line (news), newest profile to each fix (a fix that breaks a passing cell is a regression), and
 * each spec against the previous report (a cell that passed there and fails now is a regression).
 */
public final class MatrixStep implements JobStep {
    static final String FILE = "matrix.json";

    private final Subcommands cli;

    public MatrixStep(Subcommands cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "matrix";
    }

    @Override
    public int weight(JobPlan plan) {
        return 2;
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException, InterruptedException {
        if (!cli.has("matrix")) {
            return StepResult.harness("this build has no 'matrix' command", List.of());
        }
        List<Spec> specs = ctx.plan().matrixSpecs();
        Map<Spec, MatrixResults> results = new LinkedHashMap<>();
        List<StepResult.Link> links = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < specs.size(); i++) {
            Spec spec = specs.get(i);
            Path out = ctx.dir().resolve(spec.toString());
            Files.createDirectories(out);
            // each spec gets an equal part of what is left of the step's bound
            long leftNanos = ctx.hardStop().toNanos() - (System.nanoTime() - start);
            var bound = java.time.Duration.ofNanos(Math.max(leftNanos / (specs.size() - i), 1_000_000_000L));
            ctx.progress().step(name(), "matrix --profile " + spec + " (" + (i + 1) + "/" + specs.size() + ")");
            Subcommands.Outcome o = cli.run(name(), out.resolve("log.txt"), bound, ctx.progress(),
                    "matrix", "--profile", spec.toString(), "--out", out.toString());
            links.add(new StepResult.Link(spec + " log", rel(spec, "log.txt")));
            Optional<Path> html = ReportFiles.first(out, "matrix.html");
            html.ifPresent(p -> links.add(new StepResult.Link(spec.toString(), ReportFiles.rel(ctx.dir(), p))));
            if (o.timedOut() || (o.code() != ExitCodes.OK && o.code() != ExitCodes.REGRESSION)) {
                failures.add("matrix " + spec + (o.timedOut() ? ": killed at the bound" : ": exit " + o.code()));
                continue;
            }
            Optional<Path> json = ReportFiles.first(out, FILE);
            if (json.isEmpty()) {
                failures.add("matrix " + spec + " wrote no " + FILE);
                continue;
            }
            try {
                results.put(spec, MatrixResults.read(json.get()));
            } catch (IOException e) {
                failures.add(e.getMessage());
            }
        }
        List<String> regressions = new ArrayList<>(failures);
        List<String> news = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Matrix diffs\n");
        versionLine(ctx, results, news, md);
        fixes(ctx, results, regressions, md);
        sincePrevious(ctx, results, regressions, news, md);
        Files.writeString(ctx.dir().resolve("diffs.md"), md);
        links.add(0, new StepResult.Link("diffs", "matrix/diffs.md"));
        int code = !failures.isEmpty() ? ExitCodes.HARNESS
                : regressions.isEmpty() ? ExitCodes.OK : ExitCodes.REGRESSION;
        StringBuilder headline = new StringBuilder();
        results.forEach((s, r) -> headline.append(headline.length() == 0 ? "" : ", ")
                .append(s).append(' ').append(r.failures()).append('/').append(r.cells().size()).append(" failing"));
        if (!failures.isEmpty()) {
            headline.insert(0, failures.size() + " of " + specs.size() + " matrices failed to run; ");
        }
        return new StepResult(code, headline.toString(), regressions, news, links);
    }

    /** Consecutive profiles: what each kernel version changed. Information, not regressions. */
    private static void versionLine(StepContext ctx, Map<Spec, MatrixResults> results, List<String> news,
                                    StringBuilder md) {
        List<Spec> profiles = ctx.plan().profiles();
        md.append("\n## Along the version line\n");
        for (int i = 1; i < profiles.size(); i++) {
            diff(results, profiles.get(i - 1), profiles.get(i), md).ifPresent(n -> news.add(n));
        }
    }

    /** Newest profile to newest + fix: a fix that breaks a cell that passed is a regression. */
    private static void fixes(StepContext ctx, Map<Spec, MatrixResults> results, List<String> regressions,
                              StringBuilder md) {
        md.append("\n## Fixes on ").append(ctx.plan().newest()).append('\n');
        for (Spec spec : ctx.plan().matrixSpecs().subList(ctx.plan().profiles().size(), ctx.plan().matrixSpecs().size())) {
            diff(results, ctx.plan().newest(), spec, md);
            MatrixResults a = results.get(ctx.plan().newest());
            MatrixResults b = results.get(spec);
            if (a != null && b != null) {
                a.introducedFailures(b).forEach(c -> regressions.add(spec + " breaks " + c));
            }
        }
    }

    private static void sincePrevious(StepContext ctx, Map<Spec, MatrixResults> results, List<String> regressions,
                                      List<String> news, StringBuilder md) {
        md.append("\n## Since the previous report\n");
        if (ctx.previous().isEmpty()) {
            md.append("\nNo previous report.\n");
            return;
        }
        for (Map.Entry<Spec, MatrixResults> e : results.entrySet()) {
            Optional<Path> old = ctx.previous().flatMap(p -> ReportFiles.first(p.resolve("matrix").resolve(e.getKey().toString()), FILE));
            if (old.isEmpty()) {
                news.add(e.getKey() + ": not in the previous report");
                continue;
            }
            try {
                MatrixResults before = MatrixResults.read(old.get());
                List<MatrixResults.Change> changes = before.changesTo(e.getValue());
                List<MatrixResults.Change> introduced = before.introducedFailures(e.getValue());
                md.append("\n### ").append(e.getKey()).append('\n');
                changes.forEach(c -> md.append("- ").append(c).append(introduced.contains(c) ? " **regression**" : "")
                        .append('\n'));
                introduced.forEach(c -> regressions.add(e.getKey() + " " + c));
                changes.stream().filter(c -> !introduced.contains(c)).forEach(c -> news.add(e.getKey() + " " + c));
            } catch (IOException unreadable) {
                news.add(e.getKey() + ": previous matrix unreadable (" + unreadable.getMessage() + ")");
            }
        }
    }

    private static Optional<String> diff(Map<Spec, MatrixResults> results, Spec from, Spec to, StringBuilder md) {
        md.append("\n### ").append(from).append(" -> ").append(to).append('\n');
        MatrixResults a = results.get(from);
        MatrixResults b = results.get(to);
        if (a == null || b == null) {
            md.append("\n(not compared: a matrix is missing)\n");
            return Optional.empty();
        }
        List<MatrixResults.Change> changes = a.changesTo(b);
        if (changes.isEmpty()) {
            md.append("\nno change\n");
            return Optional.empty();
        }
        changes.forEach(c -> md.append("- ").append(c).append('\n'));
        return Optional.of(from + " -> " + to + ": " + changes.size() + " cell(s) changed, "
                + a.introducedFailures(b).size() + " newly failing");
    }

    private static String rel(Spec spec, String file) {
        return "matrix/" + spec + "/" + file;
    }
}
