package org.pcistress.tools.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;

/** The real steps against fake subcommands: what they run, what they read, what they call a regression. */
class StepsTest {
    @TempDir
    Path tmp;

    private final Progress progress = new Progress(new PrintWriter(new StringWriter()), Clock.systemUTC());

    private JobPlan plan(List<String> profiles, List<String> fixes, Optional<Path> baseline, Optional<Path> stressFrom) {
        Specs specs = new Specs(List.of("v5.10", "v6.18"), List.of("list-snapshot"));
        return new JobPlan(profiles.stream().map(specs::parse).toList(), fixes, Duration.ofMinutes(10), tmp,
                baseline, Set.of(), stressFrom);
    }

    private StepContext ctx(String step, JobPlan plan, Optional<Path> previous) throws IOException {
        Path report = Files.createDirectories(tmp.resolve("now"));
        return new StepContext(Files.createDirectories(report.resolve(step)), plan, Duration.ofMinutes(2),
                Duration.ofMinutes(3), previous, progress);
    }

    @Test
    void aMatrixRegressionIsANewFailureSinceThePreviousReportAndWhatFixesChangeIsNews() throws Exception {
        FakeCli cli = new FakeCli().on("matrix", (args, out) -> {
            String spec = args.get(args.indexOf("--profile") + 1);
            FakeCli.write(out.resolve("matrix.json"), switch (spec) {
                case "v5.10" -> FakeCli.matrix(spec, "bind_pf+aer", "OK", "remove_pf+rescan", "OK");
                case "v6.18" -> FakeCli.matrix(spec, "bind_pf+aer", "DEADLOCK", "remove_pf+rescan", "OK");
                default -> FakeCli.matrix(spec, "bind_pf+aer", "OK", "remove_pf+rescan", "MISSED_BROADCAST");
            });
            return ExitCodes.OK;
        });
        Path previous = tmp.resolve("prev");
        FakeCli.write(previous.resolve("matrix/v6.18/matrix.json"), FakeCli.matrix("v6.18", "bind_pf+aer", "OK",
                "remove_pf+rescan", "DOUBLE_REMOVE"));
        JobPlan plan = plan(List.of("v5.10", "v6.18"), List.of("list-snapshot"), Optional.empty(), Optional.empty());
        StepResult r = new MatrixStep(cli).run(ctx("matrix", plan, Optional.of(previous)));

        assertEquals(List.of("v5.10", "v6.18", "v6.18+list-snapshot"),
                cli.calls.stream().map(a -> a.get(a.indexOf("--profile") + 1)).toList());
        assertEquals(ExitCodes.REGRESSION, r.code(), r.toString());
        assertEquals(List.of("v6.18 bind_pf+aer: OK -> DEADLOCK"), r.regressions());
        assertEquals(List.of("v6.18: fixes 0 cell(s) of v5.10, introduces a failure in 1",
                "v6.18+list-snapshot: fixes 1 cell(s), introduces a failure in 1",
                "v5.10: new, not in the previous report", "v6.18 remove_pf+rescan: DOUBLE_REMOVE -> OK",
                "v6.18+list-snapshot: new, not in the previous report"), r.news());
        assertEquals("v5.10 0/2 failing, 0 proved, v6.18 1/2 failing, 0 proved, v6.18+list-snapshot 1/2 failing, 0 proved",
                r.headline());
        assertTrue(Files.readString(tmp.resolve("now/matrix/diffs.md")).contains("matrix diff v5.10 \u2192 v6.18"));
    }

    @Test
    void aMatrixThatExitsNonZeroIsAHarnessFailure() throws Exception {
        FakeCli cli = new FakeCli().on("matrix", (args, out) -> ExitCodes.USAGE);
        StepResult r = new MatrixStep(cli).run(ctx("matrix", plan(List.of("v5.10"), List.of(), Optional.empty(),
                Optional.empty()), Optional.empty()));
        assertEquals(ExitCodes.HARNESS, r.code());
        assertEquals(List.of("matrix v5.10: exit 2"), r.regressions());
    }

    @Test
    void aMatrixThatWritesNothingIsAHarnessFailure() throws Exception {
        FakeCli cli = new FakeCli().on("matrix", (args, out) -> ExitCodes.OK);
        StepResult r = new MatrixStep(cli).run(ctx("matrix", plan(List.of("v5.10"), List.of(), Optional.empty(),
                Optional.empty()), Optional.empty()));
        assertEquals(ExitCodes.HARNESS, r.code());
        assertEquals(1, r.regressions().size());
        assertTrue(r.regressions().get(0).endsWith("matrix/v5.10 holds no matrix.json"), r.regressions().toString());
    }

    @Test
    void aMissingSubcommandIsAHarnessFailureNotACrash() throws Exception {
        JobPlan plan = plan(List.of("v5.10"), List.of(), Optional.empty(), Optional.empty());
        for (JobStep s : RunCommand.defaultSteps(new FakeCli())) {
            StepResult r = s.run(ctx(s.name(), plan, Optional.empty()));
            assertEquals(ExitCodes.HARNESS, r.code(), s.name());
            assertTrue(r.headline().contains("this build has no '" + s.name() + "' command"), r.headline());
        }
    }

    @Test
    void stressFromAFolderIsJudgedByItsVerdictsAndComparedWithThePreviousReport() throws Exception {
        String fixed = "org.pcistress.stress.aer.AER_01_X.Fixed";
        String upstream = "org.pcistress.stress.aer.AER_01_X.Upstream";
        Path shards = tmp.resolve("merged");
        FakeCli.write(shards.resolve("summary.json"), FakeCli.stressSummary(1, upstream, "PASSED", fixed, "FAILED"));
        Path previous = tmp.resolve("prev");
        FakeCli.write(previous.resolve("stress/2026-11-20_030000/summary.json"),
                FakeCli.stressSummary(0, upstream, "PASSED", fixed, "PASSED"));
        FakeCli cli = new FakeCli();
        Path jar = FakeCli.jar(tmp.resolve("jcstress.jar"), upstream, fixed);
        StepResult r = new StressStep(cli, jar).run(ctx("stress", plan(List.of("v5.10"), List.of(), Optional.empty(),
                Optional.of(shards)), Optional.of(previous)));
        assertEquals(List.of(), cli.calls, "nothing run");
        assertEquals(ExitCodes.REGRESSION, r.code());
        assertEquals(List.of("AER_01_X.Fixed: FAILED (because)"), r.regressions());
        assertEquals(List.of(fixed + ": PASSED -> FAILED"), r.news());
        assertTrue(Files.isRegularFile(tmp.resolve("now/stress/summary.json")), "copied into the report");
    }

    @Test
    void stressFromShardsThatMissTestsOfTheJarIsAHarnessFailureNotAPass() throws Exception {
        String a = "org.pcistress.stress.locking.Locking_01_X.Abba";
        Path merged = tmp.resolve("merged");
        FakeCli.write(merged.resolve("summary.json"), FakeCli.stressSummary(0, a, "PASSED"));
        Path jar = FakeCli.jar(tmp.resolve("jcstress.jar"), a, "org.pcistress.stress.aer.AER_01_X.Fixed",
                "org.pcistress.stress.aer.AER_01_X.Upstream");
        StepResult r = new StressStep(new FakeCli(), jar).run(ctx("stress", plan(List.of("v5.10"), List.of(),
                Optional.empty(), Optional.of(merged)), Optional.empty()));
        assertEquals(ExitCodes.HARNESS, r.code(), r.toString());
        assertEquals(List.of("partial: --stress-from has 1 of the 3 test variants of " + jar
                + "; missing AER_01_X.Fixed, AER_01_X.Upstream"), r.regressions());
    }

    @Test
    void stressPassesItsBudgetAndKeepsTheCommandsHarnessCode() throws Exception {
        FakeCli cli = new FakeCli().on("stress", (args, out) -> {
            FakeCli.write(out.resolve("2026-11-21_154200/summary.json"), FakeCli.stressSummary(3, "A_01_X.Fixed", "PASSED"));
            return ExitCodes.HARNESS;
        });
        StepResult r = new StressStep(cli).run(ctx("stress", plan(List.of("v5.10"), List.of(), Optional.empty(),
                Optional.empty()), Optional.empty()));
        assertEquals(List.of("stress", "--budget", "2m", "--out", tmp.resolve("now/stress").toString()), cli.calls.get(0));
        assertEquals(ExitCodes.HARNESS, r.code(), "fewer tests than exist, say: the command's 3 stands");
    }

    @Test
    void aStressVerdictOfTimeoutIsAHarnessFailure() throws Exception {
        FakeCli cli = new FakeCli().on("stress", (args, out) -> {
            FakeCli.write(out.resolve("r/summary.json"), FakeCli.stressSummary(0, "A_01_X.Fixed", "TIMEOUT"));
            return ExitCodes.OK;
        });
        StepResult r = new StressStep(cli).run(ctx("stress", plan(List.of("v5.10"), List.of(), Optional.empty(),
                Optional.empty()), Optional.empty()));
        assertEquals(ExitCodes.HARNESS, r.code());
    }

    @Test
    void benchComparesWithThePreviousResultsAndReportsItsRegressionLines() throws Exception {
        Path previous = tmp.resolve("prev");
        FakeCli.write(previous.resolve("bench/results.json"), "[]");
        FakeCli cli = new FakeCli()
                .on("bench", (args, out) -> {
                    FakeCli.write(out.resolve("results.json"), "[]");
                    FakeCli.write(out.resolve("report.html"), "<svg/>");
                    return ExitCodes.OK;
                })
                .on("bench-compare", (args, out) -> ExitCodes.REGRESSION);
        StepResult r = new BenchStep(cli).run(ctx("bench", plan(List.of("v5.10"), List.of(), Optional.empty(),
                Optional.empty()), Optional.of(previous)));
        assertEquals(ExitCodes.REGRESSION, r.code());
        assertEquals(List.of("bench-compare", previous.resolve("bench/results.json").toString(),
                tmp.resolve("now/bench/results.json").toString(), "--threshold", "5",
                "--json", tmp.resolve("now/bench/compare.json").toString(), "--report", tmp.resolve("now/bench").toString()),
                cli.calls.get(1));
        assertTrue(r.links().stream().anyMatch(l -> l.path().equals("bench/compare.json")));
        assertTrue(r.links().stream().anyMatch(l -> l.path().equals("bench/report.html")));
    }

    @Test
    void benchAlsoComparesWithThePinnedBaselineSoCreepTrips() throws Exception {
        Path previous = tmp.resolve("prev");
        FakeCli.write(previous.resolve("bench/results.json"), "[]");
        Path pin = tmp.resolve("pin/2026-11-23T0217Z");
        FakeCli.write(pin.resolve("bench/results.json"), "[]");
        FakeCli cli = new FakeCli()
                .on("bench", (args, out) -> {
                    FakeCli.write(out.resolve("results.json"), "[]");
                    return ExitCodes.OK;
                })
                // a night-to-night step under the threshold, but the week's creep is over it
                .on("bench-compare", (args, out) -> args.get(1).startsWith(pin.toString()) ? ExitCodes.REGRESSION
                        : ExitCodes.OK);
        Specs specs = new Specs(List.of("v5.10", "v6.18"), List.of("list-snapshot"));
        JobPlan plan = new JobPlan(List.of(specs.parse("v5.10")), List.of(), Duration.ofMinutes(10), tmp,
                Optional.empty(), Set.of(), Optional.empty(), Optional.of(pin));
        StepResult r = new BenchStep(cli).run(ctx("bench", plan, Optional.of(previous)));
        assertEquals(3, cli.calls.size(), "the pass, then two comparisons");
        assertEquals(previous.resolve("bench/results.json").toString(), cli.calls.get(1).get(1));
        assertTrue(cli.calls.get(1).contains("--report"), "the previous report's comparison heads report.html");
        assertEquals(pin.resolve("bench/results.json").toString(), cli.calls.get(2).get(1));
        assertEquals(tmp.resolve("now/bench/compare-pinned.json").toString(),
                cli.calls.get(2).get(cli.calls.get(2).indexOf("--json") + 1));
        assertTrue(!cli.calls.get(2).contains("--report"), "one verdict table per report");
        assertEquals(ExitCodes.REGRESSION, r.code(), r.toString());
        assertEquals(List.of("see bench/compare-pinned.txt"), r.regressions());
        assertTrue(r.headline().contains("against the pinned baseline " + pin), r.headline());
        assertTrue(r.links().stream().anyMatch(l -> l.path().equals("bench/compare-pinned.txt")));
    }

    @Test
    void benchWithoutABaselineIsOkAndABrokenBenchIsAHarnessFailure() throws Exception {
        JobPlan plan = plan(List.of("v5.10"), List.of(), Optional.empty(), Optional.empty());
        FakeCli ok = new FakeCli().on("bench", (args, out) -> {
            FakeCli.write(out.resolve("results.json"), "[]");
            return ExitCodes.OK;
        });
        assertEquals(ExitCodes.OK, new BenchStep(ok).run(ctx("bench", plan, Optional.empty())).code());
        assertEquals(1, ok.calls.size(), "no comparison without a baseline");
        FakeCli broken = new FakeCli().on("bench", (args, out) -> 1);
        assertEquals(ExitCodes.HARNESS, new BenchStep(broken).run(ctx("bench", plan, Optional.empty())).code(),
                "bench's own 1 means JMH failed, not a regression");
    }
}
