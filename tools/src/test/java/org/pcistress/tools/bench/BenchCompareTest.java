package org.pcistress.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(out.toString().contains("REGRESSION  AerBench_01_BusWalk.walk [n=256, strategy=list-snapshot] thrpt"),
                out.toString());
        assertTrue(out.toString().contains("-20.0%"), out.toString());
        assertTrue(out.toString().contains("1 regression(s)"), out.toString());
    }

    @Test
    void aSlowerTimeIsARegressionToo() throws IOException {
        int code = compare(run("a.json", 1000, 5, 40, 0.5), run("b.json", 1000, 5, 50, 0.5));
        assertEquals(1, code);
        assertTrue(out.toString().contains("REGRESSION  LockingBench_01_MutexUncontended.lockUnlock [checking=both] avgt"),
                out.toString());
    }

    @Test
    void aLargeChangeInsideTheNoiseIsNotFlagged() throws IOException {
        // 8% slower, but each run's iterations spread over +-40%: intervals overlap, |Δ| < 2σ
        int code = compare(run("a.json", 1000, 5, 40, 8), run("b.json", 1000, 5, 43.2, 8));
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("NOISE"), out.toString());
        assertTrue(out.toString().contains("0 regression(s)"), out.toString());
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
        int code = compare(run("a.json", 1000, 5, 40, 0.5), run("b.json", 1500, 5, 30, 0.5));
        assertEquals(0, code);
        assertTrue(out.toString().contains("IMPROVEMENT"), out.toString());
        assertTrue(out.toString().contains("2 improvement(s)"), out.toString());
    }

    @Test
    void unitsAreReconciled() throws IOException {
        Path a = new SyntheticJmh().add(WALK, "thrpt", "", 1000, 5, 5, "ops/ms").write(dir, "a.json");
        Path b = new SyntheticJmh().add(WALK, "thrpt", "", 1.0, 0.005, 5, "ops/us").write(dir, "b.json");
        assertEquals(0, compare(a, b, "-v"));
        assertTrue(out.toString().contains("UNCHANGED"), out.toString());
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

    private void assertOneLineError(String expected) {
        String e = err.toString();
        assertTrue(e.startsWith("pcistress bench-compare: ") && e.contains(expected), e);
        assertEquals(1, e.strip().lines().count(), e);
        assertFalse(e.contains("Exception") || e.contains("\tat "), e);
    }
}
