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
import org.pcistress.tools.Main;
import org.pcistress.tools.stress.Durations;
import picocli.CommandLine;

/**
 * Runs each subcommand as the same jar in a JVM of its own: a step that hangs is killed at its
 * bound with everything it started (jcstress forks VMs), and a step that crashes its VM cannot take
 * the job, or the report it is writing, down with it.
 */
public final class JarSubcommands implements Subcommands {
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final String classPath = System.getProperty("java.class.path");

    @Override
    public boolean has(String name) {
        return new CommandLine(new Main()).getSubcommands().containsKey(name);
    }

    @Override
    public Outcome run(String step, Path log, Duration hardStop, Progress progress, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classPath, Main.class.getName()));
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
