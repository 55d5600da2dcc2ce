package org.pcistress.tools.job;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.ParentWatch;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs each subcommand as the same jar in a JVM of its own: a step that hangs is killed at its
 * bound with everything it started (jcstress forks VMs), and a step that crashes its VM cannot take
 * the job, or the report it is writing, down with it.
 *
 * <p>The command line above {@code run} is handed in ({@link #of}), never named: {@code job} sits below
 * the top-level command and does not reach back up to it.
 */
public final class JarSubcommands implements Subcommands {
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");
    private final String mainClass;
    private final Set<String> names;

    private JarSubcommands(String mainClass, Set<String> names) {
        this.mainClass = mainClass;
        this.names = Set.copyOf(names);
    }

    /** Runs the subcommands of {@code root} (the top-level command {@code run} was parsed under). */
    public static JarSubcommands of(CommandSpec root) {
        return new JarSubcommands(root.userObject().getClass().getName(), root.subcommands().keySet());
    }

    @Override
    public boolean has(String name) {
        return names.contains(name);
    }

    @Override
    public Outcome run(String step, Path log, Duration hardStop, Progress progress, String... args)
            throws IOException, InterruptedException {
        // the step ends when the job's process is gone, however it died (ParentWatch)
        List<String> cmd = new ArrayList<>(List.of(java, "-D" + ParentWatch.PROPERTY + "=" + ProcessHandle.current().pid(),
                "-cp", classPath, mainClass));
        String caller = System.getProperty(org.pcistress.model.change.ProfileSpecs.CALLER_DIR);
        if (caller != null) {
            cmd.add(1, "-D" + org.pcistress.model.change.ProfileSpecs.CALLER_DIR + "=" + caller); // the user's paths
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        // if the job itself is stopped (Ctrl-C, a CI cancel), its step goes with it, jcstress's forks too:
        // SIGTERM first, so the step's own hook stops what it started and records the kill
        Thread reaper = new Thread(() -> stop(p), "stop " + step);
        try {
            Runtime.getRuntime().addShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            kill(p); // the job is being stopped: no new step
            throw new InterruptedException("the job is being stopped");
        }
        try {
            return await(p, step, log, hardStop, progress);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
    }

    private static Outcome await(Process p, String step, Path log, Duration hardStop, Progress progress)
            throws InterruptedException {
        Thread pump = new Thread(() -> pump(p, step, log, progress), "output of " + step);
        pump.setDaemon(true);
        pump.start();
        if (!p.waitFor(hardStop.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(p, KILL_GRACE_MS);
            p.waitFor(30, TimeUnit.SECONDS);
            pump.join(5_000);
            progress.sub(step, "killed after " + Durations.format(hardStop));
            return new Outcome(-1, true);
        }
        pump.join(5_000);
        return new Outcome(p.exitValue(), false);
    }

    /** Time a step has to stop what it started and write its files after a SIGTERM, before a SIGKILL. */
    static final long STOP_GRACE_MS = 20_000;
    /** The same at the step's bound, which already has its grace period behind it. */
    static final long KILL_GRACE_MS = 10_000;

    private static void stop(Process p) {
        stop(p, STOP_GRACE_MS);
    }

    private static void stop(Process p, long graceMs) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroy();
        try {
            p.waitFor(graceMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
        kill(p);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /**
     * Copies the step's output to the progress and its log. A log that cannot be written (a full
     * disk) is said once; the output is still read to the end, so the step never blocks on it.
     */
    private static void pump(Process p, String step, Path log, Progress progress) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            java.io.Writer w = null;
            try {
                w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, CREATE, APPEND);
            } catch (IOException e) {
                progress.sub(step, "pcistress: cannot write " + log + ": " + e.getMessage());
            }
            for (String line; (line = r.readLine()) != null; ) {
                progress.sub(step, line);
                if (w != null) {
                    try {
                        w.write(line);
                        w.write('\n');
                        w.flush();
                    } catch (IOException e) {
                        progress.sub(step, "pcistress: cannot write " + log + ": " + e.getMessage());
                        w = close(w);
                    }
                }
            }
            close(w);
        } catch (IOException e) {
            progress.sub(step, "pcistress: lost the output of " + step + ": " + e.getMessage());
        }
    }

    private static java.io.Writer close(java.io.Writer w) {
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // already reported
            }
        }
        return null;
    }
}
