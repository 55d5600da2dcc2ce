package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process-group handling, with a shell standing in for jcstress: its background {@code sleep}
 * is a forked VM that would outlive a kill of the host alone.
 */
class JcstressProcessTest {
    @TempDir
    Path tmp;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();

    private static long pidAfter(String prefix, List<String> lines) {
        for (String l : lines) {
            if (l.startsWith(prefix)) {
                return Long.parseLong(l.substring(prefix.length()).trim());
            }
        }
        throw new AssertionError("no '" + prefix + "' line in " + lines);
    }

    /**
     * Alive and not a zombie: a killed fork whose parent died too is reparented to PID 1, which in
     * a container may never reap it; {@link ProcessHandle#isAlive} still says yes then.
     */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void theHardLimitKillsTheWholeProcessGroupForksIncluded() throws Exception {
        JcstressProcess p = JcstressProcess.start(List.of("sh", "-c", "sleep 300 & echo fork $!; wait"), tmp,
                tmp.resolve("log"), lines::add);
        ProcessEnd end = p.await(Duration.ofSeconds(2), Duration.ofMinutes(5), notes::add);
        assertEquals("the hard limit of 2s was reached", end.killedBecause());
        assertNull(end.exitCode());
        long fork = pidAfter("fork ", lines);
        assertFalse(alive(fork), "the fork outlived the kill");
        assertFalse(alive(p.pid()));
        assertTrue(Files.readString(tmp.resolve("log")).contains("fork " + fork), "the log keeps the output");
    }

    @Test
    void theHostLeadsAProcessGroupOfItsOwn() throws Exception {
        JcstressProcess p = JcstressProcess.start(List.of("sh", "-c", "echo ready; sleep 300"), tmp, tmp.resolve("log"),
                lines::add);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!lines.contains("ready") && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            assertTrue(lines.contains("ready"), "the shell never started");
            assertEquals(p.pid(), JcstressProcess.processGroup(p.pid()), "setsid did not make it a group leader");
            assertTrue(JcstressProcess.processGroup(p.pid()) != JcstressProcess.processGroup(ProcessHandle.current().pid()));
        } finally {
            p.destroy("test over");
        }
        assertFalse(alive(p.pid()));
    }

    @Test
    void aStallKillsTheForksOnceAndTheHostGoesOn() throws Exception {
        JcstressProcess p = JcstressProcess.start(List.of("sh", "-c", "echo start; sleep 300; echo went on; exit 7"),
                tmp, tmp.resolve("log"), lines::add);
        ProcessEnd end = p.await(Duration.ofSeconds(60), Duration.ofSeconds(2), notes::add);
        assertEquals(7, end.exitCode(), () -> notes + " " + lines);
        assertNull(end.killedBecause());
        assertTrue(lines.contains("went on"), lines::toString);
        assertTrue(notes.stream().anyMatch(n -> n.contains("killing jcstress's forked VMs")), notes::toString);
    }

    @Test
    void aSecondStallKillsTheGroup() throws Exception {
        JcstressProcess p = JcstressProcess.start(List.of("sh", "-c", "trap '' TERM; echo start; while :; do sleep 300; done"),
                tmp, tmp.resolve("log"), lines::add);
        ProcessEnd end = p.await(Duration.ofSeconds(60), Duration.ofSeconds(2), notes::add);
        assertTrue(end.killedBecause().startsWith("no output for 2s even after its forked VMs were killed"),
                end::toString);
        assertFalse(alive(p.pid()));
    }
}
