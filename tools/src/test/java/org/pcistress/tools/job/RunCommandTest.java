package org.pcistress.tools.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.Main;
import picocli.CommandLine;

/** The exit-code contract of {@code pcistress run}, end to end, with fake steps. */
class RunCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T15:42:07Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> ran = new ArrayList<>();

    /** A step that records that it ran, writes a file into its folder, and ends with {@code code}. */
    private JobStep step(String name, int code, String finding) {
        return new JobStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int weight(JobPlan plan) {
                return 1;
            }

            @Override
            public StepResult run(StepContext ctx) throws IOException {
                ran.add(name);
                Files.writeString(ctx.dir().resolve("out.txt"), name);
                ctx.progress().sub(name, "working");
                return new StepResult(code, name + " headline", code == ExitCodes.OK ? List.of() : List.of(finding),
                        List.of(), List.of(new StepResult.Link(name + " output", name + "/out.txt")));
            }
        };
    }

    private JobStep crashing(String name) {
        return new JobStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int weight(JobPlan plan) {
                return 1;
            }

            @Override
            public StepResult run(StepContext ctx) {
                ran.add(name);
                throw new IllegalStateException("boom in " + name);
            }
        };
    }

    private int run(List<JobStep> steps, String... args) {
        CommandLine cl = Main.configure(new CommandLine(new RunCommand(steps, Specs.CURRENT, CLOCK)));
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--out", tmp.resolve("reports").toString()));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    private List<JobStep> steps(int matrix, int stress, int bench) {
        return List.of(step("matrix", matrix, "v6.18+list-snapshot breaks a x b: OK -> DEADLOCK"),
                step("stress", stress, "SRIOV_01.Fixed: FORBIDDEN"), step("bench", bench, "LockingBench_01 -12%"));
    }

    private List<Path> reports() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("reports"))) {
            return s.sorted().toList();
        }
    }

    private String index() throws IOException {
        return Files.readString(reports().get(reports().size() - 1).resolve("index.html"));
    }

    private JsonNode record() throws IOException {
        return JobReport.JSON.readTree(reports().get(reports().size() - 1).resolve("job.json").toFile());
    }

    @Test
    void allStepsOkIsZeroWithOneDatedFolder() throws IOException {
        assertEquals(ExitCodes.OK, run(steps(0, 0, 0)));
        assertEquals(List.of("matrix", "stress", "bench"), ran);
        assertEquals(List.of("2026-11-21T1542Z"), reports().stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(index().contains("OK, not compared: no previous report"), index());
        assertTrue(index().contains("href=\"stress/out.txt\""), "links each step's files");
        assertEquals(0, record().get("code").asInt());
        assertTrue(out.toString().contains("stress: started"), "a progress line per step");
        assertTrue(out.toString().contains("stress | working"), "the steps' own progress");
    }

    @Test
    void aRegressionInAnyStepIsOne() throws IOException {
        for (int i = 0; i < 3; i++) {
            int[] codes = {0, 0, 0};
            codes[i] = ExitCodes.REGRESSION;
            assertEquals(ExitCodes.REGRESSION, run(steps(codes[0], codes[1], codes[2])), "step " + i);
        }
        assertTrue(index().contains("REGRESSION (exit 1)"));
        assertTrue(index().contains("bench: LockingBench_01 -12%"), "the verdict names what regressed");
    }

    @Test
    void aRegressionWinsOverAHarnessFailureAndBothAreNamed() throws IOException {
        assertEquals(ExitCodes.REGRESSION, run(steps(ExitCodes.REGRESSION, ExitCodes.HARNESS, ExitCodes.OK)));
        assertEquals(List.of("matrix", "stress", "bench"), ran, "a failed step does not stop the others");
        assertTrue(index().contains("REGRESSION (exit 1); also stress failed"), index());
        assertEquals(ExitCodes.combine(ExitCodes.REGRESSION, ExitCodes.HARNESS, ExitCodes.OK), record().get("code").asInt());
    }

    @Test
    void aCrashedStepLeavesTheFolderAndSaysWhichStepFailed() throws IOException {
        int code = run(List.of(step("matrix", 0, ""), crashing("stress"), step("bench", ExitCodes.OK, "")));
        assertEquals(ExitCodes.HARNESS, code);
        assertEquals(List.of("matrix", "stress", "bench"), ran);
        Path dir = reports().get(0);
        assertTrue(Files.isRegularFile(dir.resolve("matrix/out.txt")), "what the earlier step wrote stays");
        assertTrue(Files.readString(dir.resolve("stress/crash.txt")).contains("boom in stress"));
        assertTrue(index().contains("stress (crashed) failed"), index());
        assertEquals("CRASHED", record().get("steps").get(1).get("status").asText());
    }

    @Test
    void whileAStepRunsTheIndexSaysWhichOne() throws IOException {
        List<String> seen = new ArrayList<>();
        JobStep peek = new JobStep() {
            @Override
            public String name() {
                return "stress";
            }

            @Override
            public int weight(JobPlan plan) {
                return 1;
            }

            @Override
            public StepResult run(StepContext ctx) throws IOException {
                // what a job killed right now would leave behind
                seen.add(Files.readString(ctx.dir().resolveSibling("index.html")));
                seen.add(Files.readString(ctx.dir().resolveSibling("job.json")));
                return new StepResult(ExitCodes.OK, "fine", List.of(), List.of(), List.of());
            }
        };
        assertEquals(ExitCodes.OK, run(List.of(step("matrix", 0, ""), peek, step("bench", 0, ""))));
        assertTrue(seen.get(0).contains("<td>stress</td><td><strong>RUNNING</strong>"), seen.get(0));
        assertTrue(seen.get(0).contains("<td>matrix</td><td>ok</td>"), "the finished step is there");
        assertTrue(seen.get(1).contains("\"finished\" : null"), seen.get(1));
    }

    @Test
    void badOptionsAreTwoAndWriteNothing() {
        Path reports = tmp.resolve("reports");
        String[][] bad = {{"--budget", "soon"}, {"--budget", "0m"}, {"--profiles", "v3.0"},
            {"--profiles", "v6.18+nofix"}, {"--fixes", "magic"}, {"--skip", "lint"},
            {"--skip", "matrix,stress,bench"}, {"--baseline", tmp.resolve("missing").toString()}, {"--frobnicate"},
            {"--fixes", tmp.resolve("missing.lock").toString()}, {"--pinned-baseline", tmp.resolve("missing").toString()},
            {"--pinned-baseline", tmp.toString()}};
        for (String[] args : bad) {
            assertEquals(ExitCodes.USAGE, run(steps(0, 0, 0), args), String.join(" ", args));
        }
        assertEquals(List.of(), ran, "nothing ran");
        assertFalse(Files.exists(reports), "nothing was written");
        assertEquals(bad.length, err.toString().lines().count(), "one line per error:\n" + err);
    }

    @Test
    void aLockChangeFileIsAFixAndItsReportFolderIsItsFileName() throws IOException {
        Path f = tmp.resolve("mine.lock");
        Files.writeString(f, "in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure\n");
        Specs.Spec s = Specs.CURRENT.parse("v6.19+" + f);
        assertEquals(List.of(f.toString()), s.fixes());
        assertEquals("v6.19+mine.lock", s.folder());
        Files.writeString(f, "in sriov_numvfs_store: take rescan at entry\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Specs.CURRENT.fix(f.toString()));
        assertTrue(e.getMessage().contains("unknown lock 'rescan'"), e.getMessage());
    }

    /** A step like the benchmark pass: JMH's quick pass takes a fixed time whatever the machine. */
    private JobStep needing(String name, java.time.Duration minimum) {
        JobStep inner = step(name, ExitCodes.OK, "");
        return new JobStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int weight(JobPlan plan) {
                return 2;
            }

            @Override
            public java.time.Duration minimum() {
                return minimum;
            }

            @Override
            public StepResult run(StepContext ctx) throws Exception {
                return inner.run(ctx);
            }
        };
    }

    @Test
    void aBudgetThatCannotCoverAStepsMinimumIsTwoBeforeAnythingRuns() {
        List<JobStep> steps = List.of(step("matrix", 0, ""), step("stress", 0, ""),
                needing("bench", java.time.Duration.ofMinutes(7).plusSeconds(30)));
        assertEquals(ExitCodes.USAGE, run(steps, "--budget", "7m"));
        assertEquals(List.of(), ran, "nothing ran");
        assertFalse(Files.exists(tmp.resolve("reports")), "nothing was written");
        assertTrue(err.toString().contains("--budget 7m is too short: the steps need at least bench 7m30s"),
                err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertEquals(ExitCodes.OK, run(steps, "--budget", "7m", "--skip", "bench"));
    }

    @Test
    void aStepsMinimumIsReservedBeforeTheRestIsSplitByWeight() {
        List<JobStep> steps = List.of(step("matrix", 0, ""), step("stress", 0, ""),
                needing("bench", java.time.Duration.ofMinutes(7).plusSeconds(30)));
        JobPlan plan = new JobPlan(List.of(), List.of(), java.time.Duration.ofMinutes(15), tmp, java.util.Optional.empty(),
                java.util.Set.of(), java.util.Optional.empty());
        java.time.Duration left = java.time.Duration.ofMinutes(15);
        // 7m30s reserved for bench; the other 7m30s split 1:1:2
        assertEquals(java.time.Duration.ofSeconds(112).plusMillis(500), Job.share(steps, 0, plan, left));
        // the last step gets what is left: here the earlier two used 6 of the 15 minutes
        assertEquals(java.time.Duration.ofMinutes(9), Job.share(steps, 2, plan, java.time.Duration.ofMinutes(9)));
        // the earlier steps overran: bench still gets its minimum
        assertEquals(java.time.Duration.ofMinutes(7).plusSeconds(30), Job.share(steps, 2, plan, java.time.Duration.ofMinutes(2)));
    }

    @Test
    void aCorruptBaselineIsTwo() throws IOException {
        Path json = Files.writeString(tmp.resolve("results.json"), "{ \"benchmark\": ");
        Path folder = Files.createDirectories(tmp.resolve("old"));
        Files.writeString(folder.resolve("job.json"), "[]");
        assertEquals(ExitCodes.USAGE, run(steps(0, 0, 0), "--baseline", json.toString()));
        assertEquals(ExitCodes.USAGE, run(steps(0, 0, 0), "--baseline", folder.toString()));
        assertEquals(ExitCodes.USAGE, run(steps(0, 0, 0), "--baseline", Files.createDirectories(tmp.resolve("empty")).toString()));
        assertTrue(err.toString().contains("is corrupt"), err.toString());
        assertEquals(List.of(), ran);
    }

    @Test
    void aSecondRunInTheSameMinuteGetsItsOwnFolderAndComparesWithTheFirst() throws IOException {
        assertEquals(ExitCodes.OK, run(steps(0, 0, 0)));
        Path first = reports().get(0);
        String before = Files.readString(first.resolve("index.html"));
        assertEquals(ExitCodes.OK, run(steps(0, 0, 0)));
        assertEquals(2, reports().size());
        Path second = reports().get(1);
        assertNotEquals(first, second);
        assertEquals("2026-11-21T1542Z-2", second.getFileName().toString());
        assertEquals(before, Files.readString(first.resolve("index.html")), "the earlier report is untouched");
        assertEquals(first.toString(), record().get("previous").asText());
        assertTrue(index().contains("New since <a href=\"../2026-11-21T1542Z/index.html\">"), index());
    }

    @Test
    void skippedStepsDoNotRun() throws IOException {
        assertEquals(ExitCodes.OK, run(steps(0, ExitCodes.HARNESS, 0), "--skip", "stress"));
        assertEquals(List.of("matrix", "bench"), ran);
        assertEquals("SKIPPED", record().get("steps").get(1).get("status").asText());
    }

    @Test
    void combineRanksRegressionOverHarnessOverUsageOverOk() {
        assertEquals(ExitCodes.OK, ExitCodes.combine());
        assertEquals(ExitCodes.REGRESSION, ExitCodes.combine(ExitCodes.OK, ExitCodes.REGRESSION));
        assertEquals(ExitCodes.REGRESSION, ExitCodes.combine(ExitCodes.REGRESSION, ExitCodes.USAGE));
        assertEquals(ExitCodes.HARNESS, ExitCodes.combine(ExitCodes.USAGE, ExitCodes.HARNESS));
        assertEquals(ExitCodes.REGRESSION, ExitCodes.combine(ExitCodes.USAGE, ExitCodes.HARNESS, ExitCodes.REGRESSION));
        assertEquals(ExitCodes.REGRESSION, ExitCodes.combine(137, ExitCodes.REGRESSION));
        assertEquals(ExitCodes.HARNESS, ExitCodes.combine(137), "an unknown code (a killed VM) is a harness failure");
    }
}
