package org.pcistress.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs benchmarks.jar as a child process with a hard time bound. Its output goes to a log file in
 * full; progress lines go to a callback; failed benchmarks are collected from JMH's
 * {@code <failure>} markers. At the bound the process and every process it started (JMH's forks)
 * are killed.
 */
final class JmhProcess {

    /** How a run ended. {@code exitCode} is -1 when it was killed at the time bound. */
    record Outcome(int exitCode, boolean timedOut, List<String> failures) {
    }

    private static final long GRACE_MS = 3_000;

    private JmhProcess() {
    }

    static Outcome run(List<String> command, Path log, Duration limit, Consumer<String> progress, boolean verbose)
            throws IOException, InterruptedException {
        // a group of its own with a watchdog: JMH and its forks end with this command however it ends
        Process p = new ProcessBuilder(org.pcistress.tools.cli.Watchdog.wrap(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        List<String> failures = new ArrayList<>();
        Thread pump = new Thread(() -> pump(p, log, progress, verbose, failures), "jmh-output");
        pump.setDaemon(true);
        pump.start();
        // stopped (Ctrl-C, SIGTERM, the job's kill): JMH goes too, and with it its jmh.lock
        Thread hook = new Thread(() -> org.pcistress.tools.cli.Watchdog.stopGroup(p, GRACE_MS), "stop JMH");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean done;
        try {
            done = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook stops JMH; this thread must not go on to write results
                Thread.currentThread().join();
            }
        }
        if (!done) {
            org.pcistress.tools.cli.Watchdog.stopGroup(p, GRACE_MS);
            p.waitFor(10, TimeUnit.SECONDS);
        }
        pump.join(5000);
        synchronized (failures) {
            return new Outcome(done ? p.exitValue() : -1, !done, List.copyOf(failures));
        }
    }

    private static void pump(Process p, Path log, Consumer<String> progress, boolean verbose, List<String> failures) {
        String benchmark = "?";
        String params = "";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null;) {
                w.write(line);
                w.write('\n');
                if (line.startsWith("# Benchmark: ")) {
                    benchmark = line.substring("# Benchmark: ".length());
                    params = "";
                } else if (line.startsWith("# Parameters: ")) {
                    params = " " + line.substring("# Parameters: ".length());
                }
                // JMH prints the marker where the iteration's score would be: "Iteration   1: <failure>",
                // "# Warmup Iteration   1: <failure>", or alone on a line
                if (line.startsWith("<failure>") || line.endsWith(": <failure>")) {
                    synchronized (failures) {
                        if (!failures.contains(benchmark + params)) {
                            failures.add(benchmark + params);
                        }
                    }
                    progress.accept("FAILED: " + benchmark + params + " (see the log)");
                } else if (verbose || line.startsWith("# Run progress:") || line.startsWith("# Benchmark: ")
                        || line.startsWith("# Parameters: ") || line.startsWith("Benchmark result is saved")) {
                    progress.accept(line);
                }
            }
        } catch (IOException e) {
            progress.accept("warning: lost the benchmark output: " + e.getMessage());
        }
    }
}
