package org.pcistress.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine;

/**
 * {@code pcistress bench} against a stand-in for {@code java}: a shell script that prints JMH-like
 * progress and writes the captured JSON where {@code -rff} says, fails a benchmark, or hangs.
 */
class BenchCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path fakeJava(String body) throws IOException {
        Path script = dir.resolve("java");
        Files.writeString(script, "#!/bin/sh\n"
                + "for a in \"$@\"; do if [ \"$prev\" = -rff ]; then rff=\"$a\"; fi; prev=\"$a\"; done\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private int bench(Path java, String... more) throws IOException {
        Path jar = Files.writeString(dir.resolve("benchmarks.jar"), "");
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> args = new java.util.ArrayList<>(List.of("--jar", jar.toString(), "--java", java.toString(),
                "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return cl.execute(args.toArray(String[]::new));
    }

    private static String capture() throws URISyntaxException {
        return Path.of(BenchCommandTest.class.getResource("locking-01-avgt-sample-gc.json").toURI()).toString();
    }

    @Test
    void aRunWritesResultsRunInfoAndBothReports() throws Exception {
        Path java = fakeJava("echo '# Run progress: 0.00% complete, ETA 00:00:10'\n"
                + "echo '# Benchmark: p.C.m'\necho 'Iteration   1: 3 ns/op'\n"
                + "cp '" + capture() + "' \"$rff\"\necho \"Benchmark result is saved to $rff\"\n");
        assertEquals(0, bench(java, "--quick", "--include", "LockingBench_01"), err.toString());
        Path o = dir.resolve("out");
        for (String f : List.of("results.json", "run.json", "report.md", "report.html", "jmh.log")) {
            assertTrue(Files.exists(o.resolve(f)), f);
        }
        assertTrue(out.toString().contains("# Run progress: 0.00% complete"), out.toString());
        assertTrue(!out.toString().contains("Iteration   1"), "iterations only with --verbose");
        assertTrue(Files.readString(o.resolve("jmh.log")).contains("Iteration   1"));
        RunInfo run = RunInfo.read(o.resolve("run.json"));
        assertEquals("quick", run.settings());
        assertTrue(run.jmh().containsAll(List.of("LockingBench_01", "-f", "2", "-wi", "2", "-i", "2", "-rf", "json")), run.jmh()
                .toString());
        // what bench-compare checks: the machine, the JDK (another --java: unknown) and the JMH options
        assertEquals("-f 2 -wi 2 -w 500ms -i 2 -r 500ms -p costUs=10", run.fingerprint().jmhArgs());
        assertEquals(run.machine().cpu(), run.fingerprint().cpu());
        assertEquals("unknown (--java)", run.fingerprint().jdk());
        assertTrue(Files.exists(o.resolve(ActionExport.SMALLER)), "the github-action-benchmark export");
        assertTrue(run.command().startsWith("pcistress bench --jar "), run.command());
        assertTrue(run.machine().cores() > 0);
        assertTrue(Files.readString(o.resolve("report.md")).contains("| Settings | quick: fork 1"));
    }

    @Test
    void aFailedBenchmarkFailsTheRunAndIsListed() throws Exception {
        Path java = fakeJava("echo '# Benchmark: p.AerBench_02.churn'\necho '# Parameters: (strategy = x)'\n"
                + "echo '<failure>'\necho 'org.pcistress.kernel.locking.HungTaskDetected: ...'\n"
                + "cp '" + capture() + "' \"$rff\"\n");
        assertEquals(ExitCodes.REGRESSION, bench(java), out.toString());
        assertTrue(err.toString().contains("1 benchmark(s) failed"), err.toString());
        assertTrue(Files.readString(dir.resolve("out/report.md")).contains("- p.AerBench_02.churn (strategy = x)"));
    }

    @Test
    void aFailureInASetupIsCaughtOnItsIterationLine() throws Exception {
        Path java = fakeJava("echo '# Benchmark: p.AerBench_01.walk'\necho '# Parameters: (n = 4096)'\n"
                + "echo '# Warmup Iteration   1: <failure>'\necho\necho 'java.lang.IllegalStateException: x'\n"
                + "echo '# Benchmark: p.AerBench_01.floor'\necho 'Iteration   1: <failure>'\n"
                + "echo 'Iteration   2: <failure>'\ncp '" + capture() + "' \"$rff\"\n");
        assertEquals(ExitCodes.REGRESSION, bench(java), out.toString());
        assertEquals(List.of("p.AerBench_01.walk (n = 4096)", "p.AerBench_01.floor"),
                RunInfo.read(dir.resolve("out/run.json")).failures());
    }

    @Test
    void aHangIsKilledAtTheBound() throws Exception {
        Path java = fakeJava("sleep 120 &\nwait\n");
        long t0 = System.nanoTime();
        assertEquals(ExitCodes.HARNESS, bench(java, "--timeout", "2s"));
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(seconds < 20, "took " + seconds + " s");
        assertTrue(err.toString().contains("hit its bound of 2s"), err.toString());
    }

    @Test
    void anotherJmhRunHoldingTheLockIsSaidPlainly() throws Exception {
        Path java = fakeJava("echo 'ERROR: org.openjdk.jmh.runner.RunnerException: ERROR: Another JMH instance might be "
                + "running. Unable to acquire the JMH lock (/tmp/jmh.lock), exiting.'\nexit 1\n");
        assertEquals(ExitCodes.HARNESS, bench(java));
        assertEquals("pcistress bench: another JMH run holds /tmp/jmh.lock; wait for it, or pass --ignore-lock",
                err.toString().strip());
    }

    @Test
    void jmhFailingWithoutResultsIsAHarnessFailure() throws Exception {
        Path java = fakeJava("echo 'Exception in thread \"main\" java.lang.NoClassDefFoundError: x'\nexit 1\n");
        assertEquals(ExitCodes.HARNESS, bench(java));
        assertTrue(err.toString().contains("JMH exited with 1 and wrote no results"), err.toString());
    }

    @Test
    void jmhFailingAfterItsResultsIsAHarnessFailure() throws Exception {
        Path java = fakeJava("cp '" + capture() + "' \"$rff\"\nexit 1\n");
        assertEquals(ExitCodes.HARNESS, bench(java));
        assertTrue(err.toString().contains("JMH exited with 1;"), err.toString());
    }

    @Test
    void aFailedRunKeepsTheEarlierResults() throws Exception {
        Path earlier = Files.createDirectories(dir.resolve("out")).resolve("results.json");
        Files.writeString(earlier, "[the earlier run]");
        assertEquals(ExitCodes.HARNESS, bench(fakeJava("exit 1\n")));
        assertEquals(ExitCodes.HARNESS, bench(fakeJava("echo 'not json' > \"$rff\"\n")));
        assertEquals("[the earlier run]", Files.readString(earlier), "replaced only by a run that has results");
        assertTrue(Files.notExists(earlier.resolveSibling("results.json.part")), "no partial file left");
        assertEquals(ExitCodes.OK, bench(fakeJava("cp '" + capture() + "' \"$rff\"\n")));
        assertTrue(Files.readString(earlier).startsWith("["), "the new results");
        assertTrue(Files.readString(earlier).contains("benchmark"));
    }

    @Test
    void unreadableResultsAreAHarnessFailure() throws Exception {
        Path java = fakeJava("echo 'not json' > \"$rff\"\n");
        assertEquals(ExitCodes.HARNESS, bench(java));
        assertTrue(err.toString().startsWith("pcistress bench: JMH's results are unreadable"), err.toString());
    }

    @Test
    void aBadOptionIsBadInput() throws Exception {
        assertEquals(ExitCodes.USAGE, bench(fakeJava("exit 0\n"), "--timeout", "soon"));
        assertEquals(ExitCodes.USAGE, bench(fakeJava("exit 0\n"), "--timeout", "10"), "a bare number is refused, not minutes");
    }

    @Test
    void noJarIsAHarnessFailure() {
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.HARNESS, cl.execute("--jar", dir.resolve("missing.jar").toString()));
        assertTrue(err.toString().startsWith("pcistress bench: ") && err.toString().contains("missing.jar: no such file"));
    }

    @Test
    void fullRunsTheBenchmarksOwnSettings() {
        BenchCommand c = new BenchCommand();
        new CommandLine(c).parseArgs("--full", "--prof", "gc", "--ignore-lock");
        List<String> cmd = c.jmhCommand(Path.of("r.json"));
        assertTrue(!cmd.contains("-wi") && cmd.containsAll(List.of("-prof", "gc")), cmd.toString());
        assertEquals("-Djmh.ignoreLock=true", cmd.get(1));
    }
}
