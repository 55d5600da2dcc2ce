package org.pcistress.tools.stress;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.pcistress.tools.cli.Durations;

/**
 * Runs the jcstress host in a process group of its own and keeps every wait bounded.
 *
 * <p>jcstress forks one VM per configuration; killing the host alone would leave those running.
 * The host is started through {@code setsid}, so it leads a new process group that its forks
 * inherit, and a kill goes to the whole group (SIGTERM, then SIGKILL 5 s later). Where {@code setsid}
 * is missing, the kill falls back to the descendants {@link ProcessHandle} sees. The group also
 * holds a watchdog ({@link org.pcistress.tools.cli.Watchdog}) that kills it when the stress command
 * is gone, so a SIGKILL of the command leaves no jcstress behind.
 *
 * <p>Two bounds: the hard one (the budget) kills the group; a stall (no output for a while: a
 * forked VM whose actor blocked before jcstress's own timeout could see it) kills that run's forked
 * VMs only, once, so jcstress reports the configuration as a VM error and goes on.
 */
public final class JcstressProcess {
    private static final long GRACE_MS = 5_000;

    private final Process process;
    private final Thread reader;
    private volatile long lastOutput = System.nanoTime();
    private volatile String killedBecause;

    private JcstressProcess(Process process, Thread reader) {
        this.process = process;
        this.reader = reader;
    }

    /** Starts {@code command} in {@code dir}, copying its output to {@code log} and to {@code onLine}. */
    public static JcstressProcess start(List<String> command, Path dir, Path log, Consumer<String> onLine)
            throws IOException {
        List<String> cmd = org.pcistress.tools.cli.Watchdog.wrap(command);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        JcstressProcess[] self = new JcstressProcess[1];
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    out) {
                String line;
                while ((line = in.readLine()) != null) {
                    self[0].lastOutput = System.nanoTime();
                    out.write(line);
                    out.newLine();
                    out.flush();
                    onLine.accept(line);
                }
            } catch (IOException e) {
                onLine.accept("pcistress: lost jcstress's output: " + e);
            }
        }, "jcstress-output");
        t.setDaemon(true);
        self[0] = new JcstressProcess(p, t);
        t.start();
        return self[0];
    }

    /**
     * Waits until jcstress exits, for at most {@code hardLimit}; kills stalled forks after
     * {@code stall} without output, and the whole group at the hard limit.
     */
    public ProcessEnd await(Duration hardLimit, Duration stall, Consumer<String> note) throws InterruptedException {
        long deadline = System.nanoTime() + hardLimit.toNanos();
        boolean forksKilled = false;
        while (!process.waitFor(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                killedBecause = "the hard limit of " + Durations.format(hardLimit) + " was reached";
                note.accept("pcistress: " + killedBecause + "; killing jcstress's process group");
                killGroup();
                break;
            }
            if (now - lastOutput >= stall.toNanos()) {
                if (forksKilled) {
                    killedBecause = "no output for " + Durations.format(stall) + " even after its forked VMs were killed";
                    note.accept("pcistress: " + killedBecause + "; killing jcstress's process group");
                    killGroup();
                    break;
                }
                note.accept("pcistress: no output for " + Durations.format(stall)
                        + "; killing jcstress's forked VMs so it reports the stuck configuration and goes on");
                killForks();
                forksKilled = true;
                lastOutput = now;
            }
        }
        reader.join(GRACE_MS);
        if (killedBecause != null) {
            return ProcessEnd.killed(killedBecause);
        }
        return ProcessEnd.exited(process.exitValue());
    }

    /** Kills the whole process group now (a shutdown hook's last resort). */
    public void destroy(String why) {
        if (process.isAlive()) {
            killedBecause = why;
            killGroup();
        }
    }

    private void killForks() {
        process.descendants().filter(h -> !watchdog(h)).forEach(ProcessHandle::destroyForcibly);
    }

    /** The group's watchdog shell (it must outlive a stall kill of the forks). */
    private static boolean watchdog(ProcessHandle h) {
        return h.info().arguments().map(a -> java.util.Arrays.asList(a).contains("pcistress-watchdog")).orElse(false);
    }

    private void killGroup() {
        org.pcistress.tools.cli.Watchdog.stopGroup(process, GRACE_MS);
        try {
            process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process group of {@code pid}, from /proc (Linux), or -1. */
    static long processGroup(long pid) {
        return org.pcistress.tools.cli.Watchdog.groupOf(pid);
    }

    public long pid() {
        return process.pid();
    }
}
