package org.pcistress.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.job.Baselines;

/**
 * Signals and kills against the real commands (review section 2, D4, D5, D14): each test starts
 * {@code pcistress run}, {@code stress} or {@code bench} as a process of its own, with a fake
 * jcstress or JMH host ({@link FakeHost}: a JVM with a forked JVM, never finishing), signals it, and
 * checks the files it leaves and that no process of its tree is left.
 */
class ProcessFaultsTest {
    /** How long a tree may outlive the fault: the watchdogs poll every second and give TERM 3 to 5 s. */
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final Duration START = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REAL_JAR = Path.of("../tests-jcstress/target/jcstress.jar");

    @TempDir
    static Path shared;
    private static Path fake;

    @TempDir
    Path dir;

    @BeforeAll
    static void fakeJar() throws IOException {
        assumeTrue(Files.isRegularFile(REAL_JAR), "the jcstress jar is built before the tools module");
        fake = Processes.fakeJar(REAL_JAR, shared.resolve("jcstress.jar"));
    }

    /** The run's working folder, where the wrapper would be: the stress step finds the (fake) jar there. */
    private void checkout() throws IOException {
        Files.createDirectories(dir.resolve("tests-jcstress/target"));
        Files.copy(fake, dir.resolve("tests-jcstress/target/jcstress.jar"));
    }

    private Processes run() throws IOException {
        checkout();
        return Processes.pcistress(dir, "run", "--skip", "history,matrix,bench", "--budget", "3m", "--out", "reports");
    }

    private final List<Long> started = new ArrayList<>();

    /** The run and everything under it, once the fake jcstress host and its fork are up. */
    private List<Long> tree(Processes p, String hostLine) {
        List<Long> all = new ArrayList<>(Processes.pids(hostLine));
        all.add(p.process.pid());
        p.process.descendants().forEach(h -> all.add(h.pid()));
        started.addAll(all);
        return all;
    }

    /** A failed test must not leave its fake hosts running. */
    @AfterEach
    void killWhatIsLeft() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private Path report() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("reports"))) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static Path only(Path root, String name) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow(
                    () -> new AssertionError("no " + name + " under " + root));
        }
    }

    private static void assertNoTemporaryFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> tmp = s.filter(p -> p.toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp, "temporary files left");
        }
    }

    @Test
    void sigtermDuringJcstressMarksTheReportInterruptedAndLeavesNothingRunning() throws Exception {
        Processes run = run();
        String host = run.awaitLine("fake host", START);
        List<Long> tree = tree(run, host);
        run.signal("TERM");
        assertEquals(3, run.awaitExit(Duration.ofSeconds(60)), run::err);
        Processes.assertAllGone(tree, BOUND);

        Path report = report();
        JsonNode job = json(report.resolve("job.json"));
        assertEquals("INTERRUPTED", job.get("state").asText(), job::toString);
        assertEquals("stress", job.get("interrupted").get("step").asText());
        assertTrue(job.get("interrupted").get("cause").asText().startsWith("SIGTERM"), job::toString);
        JsonNode stress = null;
        for (JsonNode step : job.get("steps")) {
            stress = step.get("name").asText().equals("stress") ? step : stress;
        }
        assertEquals("INTERRUPTED", stress.get("status").asText(), job::toString);
        String index = Files.readString(report.resolve("index.html"));
        assertTrue(index.contains("INTERRUPTED during stress (exit 3): SIGTERM"), index);
        JsonNode summary = json(only(report.resolve("stress"), "summary.json"));
        assertEquals("DONE", summary.get("state").asText(), summary::toString);
        assertTrue(summary.get("incompleteBecause").asText().contains("killed: the stress command was stopped: SIGTERM"),
                summary::toString);
        Path runFolder = only(report.resolve("stress"), "jcstress.log").getParent();
        assertFalse(Files.exists(runFolder.resolve(FakeHost.LITTER)), "jcstress got SIGKILL without a SIGTERM first");
        assertNoTemporaryFiles(dir.resolve("reports"));
        assertFalse(Files.exists(report.resolve("job.lock")));
        assertTrue(Baselines.whyNot(report).orElseThrow().startsWith("interrupted during stress"));
        assertTrue(run.err().contains("run: INTERRUPTED during stress: SIGTERM"), run::err);
    }

    @Test
    void ctrlCDuringTheMatrixMarksTheReportInterruptedAndTheNextRunSkipsIt() throws Exception {
        Processes run = Processes.pcistress(dir, "run", "--skip", "history,stress,bench", "--profiles", "v7.0",
                "--fixes", "list-snapshot", "--budget", "3m", "--out", "reports");
        run.awaitLine("matrix | [", START); // the first cell of the first matrix has been explored
        List<Long> tree = new ArrayList<>(List.of(run.process.pid()));
        run.process.descendants().forEach(h -> tree.add(h.pid()));
        started.addAll(tree);
        assumeTrue(!ignores(run.process.pid(), 2), "SIGINT is ignored by this test's parent (a background job)");
        run.signalGroup("INT");
        assertEquals(3, run.awaitExit(Duration.ofSeconds(60)), run::err);
        Processes.assertAllGone(tree, BOUND);
        Path report = report();
        JsonNode job = json(report.resolve("job.json"));
        assertEquals("INTERRUPTED", job.get("state").asText(), job::toString);
        assertEquals("matrix", job.get("interrupted").get("step").asText());
        assertTrue(job.get("interrupted").get("cause").asText().startsWith("SIGINT"), job::toString);
        assertTrue(Files.readString(report.resolve("index.html")).contains("INTERRUPTED during matrix"));
        assertNoTemporaryFiles(dir.resolve("reports"));
        assertTrue(Baselines.whyNot(report).orElseThrow().startsWith("interrupted during matrix (SIGINT"));
    }

    @Test
    void sigkillOfTheRunLeavesNoJvmAndTheStepRecordsWhy() throws Exception {
        Processes run = run();
        List<Long> tree = tree(run, run.awaitLine("fake host", START));
        run.signal("KILL");
        run.awaitExit(Duration.ofSeconds(10));
        Processes.assertAllGone(tree, BOUND);

        Path report = report();
        JsonNode summary = json(only(report.resolve("stress"), "summary.json"));
        assertTrue(summary.get("incompleteBecause").asText().contains("is gone"), summary::toString);
        // the run could not mark itself; its lock went with it, so the next run knows it is dead
        String why = Baselines.whyNot(report).orElseThrow();
        assertTrue(why.startsWith("unfinished during stress: its process (pid " + run.process.pid() + ") is gone"), why);
    }

    @Test
    void sigkillOfTheRunsProcessGroupLeavesNoJvm() throws Exception {
        Processes run = run();
        List<Long> tree = tree(run, run.awaitLine("fake host", START));
        run.signalGroup("KILL");
        run.awaitExit(Duration.ofSeconds(10));
        Processes.assertAllGone(tree, BOUND);
    }

    @Test
    void sigkillOfStressLeavesNoJvm() throws Exception {
        Processes stress = Processes.pcistress(dir, "stress", "--budget", "2m", "--tests", "Locking_01", "--jar",
                fake.toString(), "--out", "s");
        List<Long> tree = tree(stress, stress.awaitLine("fake host", START));
        stress.signal("KILL");
        stress.awaitExit(Duration.ofSeconds(10));
        Processes.assertAllGone(tree, BOUND);
    }

    @Test
    void ctrlCOnStressIsExitThreeWithTheKillRecordedAndNoTrace() throws Exception {
        Processes stress = Processes.pcistress(dir, "stress", "--budget", "2m", "--tests", "Locking_01", "--jar",
                fake.toString(), "--out", "s");
        List<Long> tree = tree(stress, stress.awaitLine("fake host", START));
        assumeTrue(!ignores(stress.process.pid(), 2), "SIGINT is ignored by this test's parent (a background job)");
        stress.signalGroup("INT");
        assertEquals(3, stress.awaitExit(Duration.ofSeconds(60)));
        Processes.assertAllGone(tree, BOUND);
        assertFalse(stress.err().contains("Exception"), stress::err);
        JsonNode summary = json(only(dir.resolve("s"), "summary.json"));
        assertTrue(summary.get("incompleteBecause").asText().contains("SIGINT"), summary::toString);
        assertEquals("HARNESS_FAILURE", summary.get("result").asText());
    }

    @Test
    void sigtermOfBenchStopsJmhReleasesItsLockAndKeepsTheEarlierResults() throws Exception {
        Path out = Files.createDirectories(dir.resolve("b"));
        Files.writeString(out.resolve("results.json"), "[the earlier run]");
        Processes bench = Processes.pcistress(dir, "bench", "--jar", fake.toString(), "--out", "b", "--timeout", "2m");
        List<Long> tree = tree(bench, bench.awaitLine("fake host", START));
        bench.signal("TERM");
        assertEquals(3, bench.awaitExit(Duration.ofSeconds(30)), bench::err);
        Processes.assertAllGone(tree, BOUND);
        try (FileChannel ch = FileChannel.open(dir.resolve("jmh.lock"), StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            assertNotNull(l, "the JMH lock is still held");
            l.release();
        }
        assertEquals("[the earlier run]", Files.readString(out.resolve("results.json")));
    }

    /** Whether process {@code pid} ignores signal number {@code sig} (/proc's SigIgn mask). */
    private static boolean ignores(long pid, int sig) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (l.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(l.substring(7).trim(), 16) & (1L << (sig - 1))) != 0;
            }
        }
        return false;
    }
}
