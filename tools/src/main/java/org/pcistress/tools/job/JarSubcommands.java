package org.pcistress.tools.job;

import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pcistress.tools.cli.Durations;
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
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classPath, mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // if the job itself is stopped (Ctrl-C, a CI cancel), its step goes with it, jcstress's forks too
        Thread reaper = new Thread(() -> kill(p), "kill " + step);
        Runtime.getRuntime().addShutdownHook(reaper);
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
            kill(p);
            p.waitFor(30, TimeUnit.SECONDS);
            pump.join(5_000);
            progress.sub(step, "killed after " + Durations.format(hardStop));
            return new Outcome(-1, true);
        }
        pump.join(5_000);
        return new Outcome(p.exitValue(), false);
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static void pump(Process p, String step, Path log, Progress progress) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             var w = Files.newBufferedWriter(log, StandardCharsets.UTF_8, CREATE, APPEND)) {
            for (String line; (line = r.readLine()) != null; ) {
                progress.sub(step, line);
                w.write(line);
                w.newLine();
                w.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
