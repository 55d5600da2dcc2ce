package org.pcistress.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code pcistress bench-compare} end to end on synthetic JMH JSON: exit codes and what it says. */
class BenchCompareTest {
    private static final String WALK = "org.pcistress.bench.aer.AerBench_01_BusWalk.walk";
    private static final String LOCK = "org.pcistress.bench.locking.LockingBench_01_MutexUncontended.lockUnlock";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int compare(Path base, Path now, String... more) {
        CommandLine cl = new CommandLine(new BenchCompareCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] args = new String[2 + more.length];
        args[0] = base.toString();
        args[1] = now.toString();
        System.arraycopy(more, 0, args, 2, more.length);
        return cl.execute(args);
    }

    private Path run(String name, double walk, double walkStep, double lock, double lockStep) throws IOException {
        return new SyntheticJmh()
                .add(WALK, "thrpt", "\"n\": \"256\", \"strategy\": \"list-snapshot\"", walk, walkStep, 5, "ops/ms")
                .add(LOCK, "avgt", "\"checking\": \"both\"", lock, lockStep, 5, "ns/op")
                .write(dir, name);
    }

    @Test
    void aLargeDropOutsideTheNoiseIsARegression() throws IOException {
        int code = compare(run("a.json", 1000, 5, 40, 0.5), run("b.json", 800, 5, 40, 0.5));
        assertEquals(1, code, out.toString());
        assertTrue(line("REGRESSION").contains("AerBench_01_BusWalk.walk [n=256, strategy=list-snapshot] thrpt"),
                out.toString());
        assertTrue(line("REGRESSION").contains("-20.0%"), out.toString());
        assertTrue(line("REGRESSION").contains("detectable "), out.toString());
        assertTrue(out.toString().contains("1 regression(s)"), out.toString());
    }

    @Test
    void aSlowerTimeIsARegressionToo() throws IOException {
        int code = compare(run("a.json", 1000, 5, 40, 0.5), run("b.json", 1000, 5, 50, 0.5));
        assertEquals(1, code);
        assertTrue(line("REGRESSION").contains("LockingBench_01_MutexUncontended.lockUnlock [checking=both] avgt"),
                out.toString());
    }

    @Test
    void aLargeChangeInNoisyDataIsUndecided() throws IOException {
        // 8% slower, but each run's iterations spread over +-40%: no 5% change could have been seen
        int code = compare(run("a.json", 1000, 5, 40, 3), run("b.json", 1000, 5, 43.2, 3));
        assertEquals(0, code, out.toString());
        assertTrue(line("UNDECIDED").contains("LockingBench_01"), out.toString());
        assertTrue(line("UNDECIDED").contains("could not detect a change under"), out.toString());
        assertTrue(out.toString().contains("0 regression(s)"), out.toString());
    }

    @Test
    void oneForkIsUndecidedHoweverLargeTheChange() throws IOException {
        Path a = new SyntheticJmh().forks(1).add(WALK, "thrpt", "", 1000, 5, 5, "ops/ms").write(dir, "a.json");
        Path b = new SyntheticJmh().forks(1).add(WALK, "thrpt", "", 500, 5, 5, "ops/ms").write(dir, "b.json");
        assertEquals(0, compare(a, b), out.toString());
        assertTrue(line("UNDECIDED").contains("one fork on a side"), out.toString());
    }

    @Test
    void aSignificantButSmallChangeIsNotFlagged() throws IOException {
        // 3% slower with tiny noise: real, but under the 5% threshold
        int code = compare(run("a.json", 1000, 0.5, 40, 0.01), run("b.json", 970, 0.5, 40, 0.01));
        assertEquals(0, code, out.toString());
        assertFalse(out.toString().contains("REGRESSION"), out.toString());
    }

    @Test
    void theThresholdIsAnOption() throws IOException {
        Path a = run("a.json", 1000, 5, 40, 0.5);
        Path b = run("b.json", 800, 5, 40, 0.5);
        assertEquals(0, compare(a, b, "--threshold", "25"), out.toString());
        assertEquals(1, compare(a, b, "--threshold", "15"));
    }

    @Test
    void anImprovementIsReportedAndPasses() throws IOException {
        int code = compare(run("a.json", 1000, 5, 40, 0.2), run("b.json", 1500, 5, 30, 0.2));
        assertEquals(0, code);
        assertTrue(out.toString().contains("IMPROVEMENT"), out.toString());
        assertTrue(out.toString().contains("2 improvement(s)"), out.toString());
    }

    @Test
    void unitsAreReconciled() throws IOException {
        Path a = new SyntheticJmh().add(WALK, "thrpt", "", 1000, 5, 5, "ops/ms").write(dir, "a.json");
        Path b = new SyntheticJmh().add(WALK, "thrpt", "", 1.0, 0.005, 5, "ops/us").write(dir, "b.json");
        assertEquals(0, compare(a, b, "-v"));
        assertTrue(line("NOISE").contains("+0.0%"), out.toString());
    }

    @Test
    void aSingleIterationIsUndecidedNeverARegression() throws IOException {
        Path a = new SyntheticJmh().addSingle(WALK, "thrpt", 1000, "ops/ms").write(dir, "a.json");
        Path b = new SyntheticJmh().addSingle(WALK, "thrpt", 500, "ops/ms").write(dir, "b.json");
        assertEquals(0, compare(a, b));
        assertTrue(out.toString().contains("UNDECIDED"), out.toString());
    }

    @Test
    void partlyMismatchedSetsWarnAndCompareTheRest() throws IOException {
        Path a = run("a.json", 1000, 5, 40, 0.5);
        Path b = new SyntheticJmh().add(WALK, "thrpt", "\"n\": \"256\", \"strategy\": \"list-snapshot\"", 700, 5, 5,
                "ops/ms").add(WALK, "thrpt", "\"n\": \"4096\", \"strategy\": \"list-snapshot\"", 70, 1, 5, "ops/ms")
                .write(dir, "b.json");
        assertEquals(1, compare(a, b));
        assertTrue(err.toString().contains("warning: only in " + a + ": LockingBench_01_MutexUncontended.lockUnlock "
                + "[checking=both] avgt"), err.toString());
        assertTrue(err.toString().contains("warning: only in " + b + ": AerBench_01_BusWalk.walk [n=4096, "
                + "strategy=list-snapshot] thrpt"), err.toString());
        assertTrue(out.toString().contains("REGRESSION"), out.toString());
    }

    @Test
    void disjointSetsAreAnError() throws IOException {
        Path a = new SyntheticJmh().add(WALK, "thrpt", "", 1000, 5, 5, "ops/ms").write(dir, "a.json");
        Path b = new SyntheticJmh().add(LOCK, "avgt", "", 40, 1, 5, "ns/op").write(dir, "b.json");
        assertEquals(2, compare(a, b));
        assertOneLineError("no benchmark in common");
    }

    @Test
    void aMissingFileIsAnError() throws IOException {
        assertEquals(2, compare(dir.resolve("nope.json"), run("b.json", 1, 0, 1, 0)));
        assertOneLineError("nope.json: no such file");
    }

    @Test
    void malformedJsonIsAnError() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "[ {\"benchmark\": \"x\", ");
        assertEquals(2, compare(bad, run("b.json", 1, 0, 1, 0)));
        assertOneLineError("bad.json: malformed JSON at line 1");
    }

    @Test
    void jsonThatIsNotJmhOutputIsAnError() throws IOException {
        Path obj = Files.writeString(dir.resolve("obj.json"), "{\"results\": []}");
        assertEquals(2, compare(obj, run("b.json", 1, 0, 1, 0)));
        assertOneLineError("obj.json: not JMH output: expected an array of results, found a JSON object");

        err.getBuffer().setLength(0);
        Path arr = Files.writeString(dir.resolve("arr.json"), "[{\"name\": \"walk\", \"score\": 3}]");
        assertEquals(2, compare(run("a.json", 1, 0, 1, 0), arr));
        assertOneLineError("arr.json: not JMH output: result #1 has no \"benchmark\" name");

        err.getBuffer().setLength(0);
        Path empty = Files.writeString(dir.resolve("empty.json"), "[]");
        assertEquals(2, compare(run("a.json", 1, 0, 1, 0), empty));
        assertOneLineError("empty.json: holds no benchmark results");
    }

    private static void runJson(Path results, String cpu) throws IOException {
        new RunInfo("quick", "pcistress bench --quick", List.of("java", "-jar", "benchmarks.jar", "-f", "2"),
                new Machine(2, "1 GiB", cpu, "Linux"), "2026-11-30T00:00:00Z", 1, List.of(),
                new Fingerprint(cpu, 2, "Debian 17.0.15+6", "-f 2 -wi 1 -w 500ms -i 3 -r 500ms"))
                .write(results.resolveSibling("run.json"));
    }

    @Test
    void runsOnDifferentMachinesAreNotComparableUnlessForced() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Path a = Files.move(run("a.json", 1000, 5, 40, 0.2), dir.resolve("a/results.json"));
        Path b = Files.move(run("b.json", 800, 5, 40, 0.2), dir.resolve("b/results.json"));
        runJson(a, "AMD EPYC 7B13");
        runJson(b, "Intel(R) Xeon(R) Platinum 8370C");
        assertEquals(2, compare(a, b));
        assertOneLineError("not comparable: CPU 'AMD EPYC 7B13' vs 'Intel(R) Xeon(R) Platinum 8370C'");
        err.getBuffer().setLength(0);
        assertEquals(1, compare(a, b, "--force"), err.toString());
        runJson(b, "AMD EPYC 7B13");
        out.getBuffer().setLength(0);
        assertEquals(1, compare(a, b), err.toString());
        assertTrue(err.toString().isEmpty(), err.toString());
    }

    @Test
    void aHiddenCpuNameStillCarriesItsGeneration() {
        // a VM that reports only "AMD EPYC": Zen 3 and Zen 4 hosts must not share a fingerprint
        List<String> zen4 = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: 25", "model\t\t: 17",
                "model name\t: AMD EPYC", "stepping\t: 1", "", "processor\t: 1", "cpu family\t: 99");
        assertEquals("AMD EPYC (family 25, model 17, stepping 1)", Machine.cpu(zen4));
        assertEquals("AMD EPYC (family 25, model 1, stepping 1)", Machine.cpu(List.of("cpu family\t: 25",
                "model\t\t: 1", "model name\t: AMD EPYC", "stepping\t: 1")));
        assertEquals("Apple M2", Machine.cpu(List.of("Model\t: Apple M2")), "no family line: the name alone");
        assertEquals("unknown", Machine.cpu(List.of()));
    }

    @Test
    void aScoreThatIsNotPositiveIsBadInput() throws IOException {
        Path a = run("a.json", 1000, 5, 40, 0.2);
        Path b = Files.writeString(dir.resolve("b.json"), Files.readString(run("c.json", 1000, 5, 40, 0.2))
                .replaceFirst("\"score\": [0-9.]+", "\"score\": -3.0"));
        assertEquals(2, compare(a, b));
        assertOneLineError("has a score or an iteration of -3.000 or below zero");
    }

    @Test
    void compareJsonAndTheReportCarryTheVerdicts() throws IOException {
        Path a = run("a.json", 1000, 5, 40, 0.2);
        Path b = run("b.json", 800, 5, 40, 0.2);
        Path json = dir.resolve("out/compare.json");
        Path report = dir.resolve("report");
        assertEquals(1, compare(a, b, "--json", json.toString(), "--report", report.toString()));
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals(CompareJson.FORMAT, root.path("format").asText());
        assertEquals(1, root.path("counts").path("REGRESSION").asInt());
        var first = root.path("results").get(0);
        assertEquals("REGRESSION", first.path("verdict").asText());
        assertEquals(-20.0, first.path("changePct").asDouble(), 0.1);
        assertTrue(first.path("detectablePct").asDouble() > 0 && first.path("lowPct").isNumber());
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.indexOf("<tr class=\"REGRESSION\">") < html.indexOf("id=\"run\""), "verdicts first");
        assertTrue(Files.isRegularFile(report.resolve(ActionExport.SMALLER)));
    }

    /** The first line of the output that starts with {@code verdict}, or "". */
    private String line(String verdict) {
        return out.toString().lines().filter(l -> l.startsWith(verdict + " ")).findFirst().orElse("");
    }

    private void assertOneLineError(String expected) {
        String e = err.toString();
        assertTrue(e.startsWith("pcistress bench-compare: ") && e.contains(expected), e);
        assertEquals(1, e.strip().lines().count(), e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
    }
}
