package org.pcistress.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress bench [--quick|--full] [--include REGEX] [--out DIR] [--jar PATH]}: runs the JMH
 * benchmarks in a child JVM with a hard time bound and writes results.json, run.json, report.md,
 * report.html and jmh.log into the output directory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Runs the JMH benchmarks (benchmarks.jar) and renders a report.",
            "--quick: 2 forks, each 2 × 0.5 s warm-up and 2 × 0.5 s measurement (AerBench_03 at costUs=10 only): "
                + "the CI pass, which gates only the benchmarks whose detectable change is within bench-compare's "
                + "threshold.",
            "--full: each benchmark's own settings (2 to 5 forks of 1 s iterations): numbers to keep."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all benchmarks ran", "1:a benchmark failed (it threw: the model reported a failure)",
            "2:bad input (bad options)",
            "3:the harness failed: no benchmarks.jar, JMH failed or wrote no results, the time bound was hit"})
public final class BenchCommand implements Callable<Integer> {
    /**
     * Two forks, so that bench-compare sees the run-to-run variance (docs/BENCH.md, "What the quick
     * pass decides"); short iterations keep the pass about as long as one fork of 1 s iterations,
     * and AerBench_03 runs only its largest handler cost (the full pass runs all three). Two
     * warm-up iterations: after one, the first measured iteration of the locking benchmarks was
     * still 15–30% slower than the next on a quiet machine, which hid every 5% change.
     */
    static final List<String> QUICK = List.of("-f", "2", "-wi", "2", "-w", "500ms", "-i", "2", "-r", "500ms",
            "-p", "costUs=10", "-to", "2m");

    static final class Settings {
        @Option(names = "--quick", description = "short iterations for CI (the default)")
        boolean quick;

        @Option(names = "--full", description = "the benchmarks' own settings")
        boolean full;
    }

    @ArgGroup(exclusive = true)
    Settings settings;

    @Option(names = "--include", paramLabel = "REGEX", description = "only benchmarks matching (JMH's include)")
    String include;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/bench",
            description = "output directory (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--jar", paramLabel = "PATH", defaultValue = "benchmarks-jmh/target/benchmarks.jar",
            description = "the JMH uber-jar (default: ${DEFAULT-VALUE})")
    Path jar;

    @Option(names = "--prof", paramLabel = "PROFILER", description = "a JMH profiler, e.g. gc (repeatable)")
    List<String> profilers = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class,
            description = "hard bound on the whole run: 90s, 45m, 4h (a unit is required; default: 30m quick, 4h full)")
    Duration timeout;

    @Option(names = "--java", paramLabel = "PATH", description = "the java to run JMH with (default: this one)")
    String java;

    @Option(names = "--ignore-lock", description = "run even if another JMH run holds /tmp/jmh.lock "
            + "(both runs' numbers suffer)")
    boolean ignoreLock;

    @Option(names = {"-v", "--verbose"}, description = "show all of JMH's output, not only progress")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private boolean quick() {
        return settings == null || !settings.full;
    }

    /** The JMH command line this invocation runs. */
    List<String> jmhCommand(Path results) {
        List<String> cmd = new ArrayList<>(List.of(java != null ? java : javaBinary()));
        if (ignoreLock) {
            cmd.add("-Djmh.ignoreLock=true");
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        if (include != null) {
            cmd.add(include);
        }
        if (quick()) {
            cmd.addAll(QUICK);
        }
        for (String p : profilers) {
            cmd.add("-prof");
            cmd.add(p);
        }
        cmd.addAll(List.of("-foe", "false", "-rf", "json", "-rff", results.toString()));
        return cmd;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            err.println(Errors.prefix(spec) + "--out " + out + " is a file, not a folder");
            return ExitCodes.USAGE;
        }
        if (!Files.isRegularFile(jar)) {
            err.println(Errors.prefix(spec) + jar + ": no such file; build it first: mvn -B -o -q -pl core,benchmarks-jmh -am "
                    + "package -DskipTests");
            return ExitCodes.HARNESS;
        }
        Duration limit = timeout != null ? timeout : quick() ? Duration.ofMinutes(30) : Duration.ofHours(4);
        try {
            Files.createDirectories(out);
            Path results = out.resolve("results.json");
            // JMH writes here; the earlier results.json stays until this run has results of its own
            Path fresh = out.resolve("results.json.part");
            Files.deleteIfExists(fresh);
            List<String> cmd = jmhCommand(fresh);
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            o.println("running (bound " + Durations.format(limit) + "): " + String.join(" ", cmd));
            o.flush();
            org.pcistress.tools.cli.Signals.exitOnStop();
            JmhProcess.Outcome r = JmhProcess.run(cmd, out.resolve("jmh.log"), limit, line -> {
                o.println(line);
                o.flush();
            }, verbose);
            long seconds = Duration.between(start, Instant.now()).getSeconds();
            Machine machine = Machine.probe();
            RunInfo run = new RunInfo(quick() ? "quick" : "full", commandLine(), cmd, machine, start.toString(),
                    seconds, r.failures(), Fingerprint.probe(machine, cmd, java != null));
            if (r.timedOut()) {
                Files.deleteIfExists(fresh);
                err.println(Errors.prefix(spec) + "the run hit its bound of " + Durations.format(limit) + " and was killed; "
                        + "see " + out.resolve("jmh.log"));
                return ExitCodes.HARNESS;
            }
            if (!Files.exists(fresh)) {
                boolean locked = Files.readString(out.resolve("jmh.log")).contains("Unable to acquire the JMH lock");
                err.println(Errors.prefix(spec) + (locked ? "another JMH run holds /tmp/jmh.lock; wait for it, or pass --ignore-lock"
                        : "JMH exited with " + r.exitCode() + " and wrote no results; see "
                        + out.resolve("jmh.log")));
                return ExitCodes.HARNESS;
            }
            List<JmhResult> parsed;
            try {
                parsed = JmhJson.read(fresh);
            } catch (BadInput e) {
                Files.deleteIfExists(fresh);
                throw e;
            }
            Files.move(fresh, results, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            run.write(out.resolve("run.json"));
            BenchReportCommand.write(out, parsed, run);
            o.println("wrote " + results + ", " + out.resolve("report.md") + ", " + out.resolve("report.html"));
            // a failed benchmark is the model's evidence and wins over JMH's own exit code (ExitCodes)
            if (!r.failures().isEmpty()) {
                err.println(Errors.prefix(spec) + r.failures().size() + " benchmark(s) failed (JMH exit " + r.exitCode()
                        + "); see the report and " + out.resolve("jmh.log"));
                return ExitCodes.REGRESSION;
            }
            if (r.exitCode() != 0) {
                err.println(Errors.prefix(spec) + "JMH exited with " + r.exitCode() + "; see " + out.resolve("jmh.log"));
                return ExitCodes.HARNESS;
            }
            return ExitCodes.OK;
        } catch (BadInput e) {
            err.println(Errors.prefix(spec) + "JMH's results are unreadable: " + e.getMessage());
            return ExitCodes.HARNESS;
        } catch (IOException e) {
            err.println(Errors.prefix(spec) + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                    ? f.getFile() + ": " + f.getReason() : e.getMessage()));
            return ExitCodes.HARNESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(Errors.prefix(spec) + "interrupted");
            return ExitCodes.HARNESS;
        }
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        boolean named = !args.isEmpty() && args.get(0).equals(spec.name());
        return "pcistress " + (named ? "" : spec.name() + " ") + String.join(" ", args);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
