package org.pcistress.tools.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress stress}: the nightly jcstress job. It builds nothing (the wrapper script does);
 * it runs the jar within a budget, shows progress, and leaves a dated folder with jcstress's HTML
 * report, its console log, summary.json and summary.txt. Exit codes: {@link ExitCodes}.
 */
@Command(name = "stress", mixinStandardHelpOptions = true,
        description = "Run the jcstress suite within a time budget and judge it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:passed", "1:regression (a FORBIDDEN outcome, or a canary that stayed silent)",
            "2:bad options or missing jar", "3:harness failure (TIMEOUT, error, crash, kill, fewer tests ran)"})
public final class StressCommand implements Callable<Integer> {
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss");

    @Spec
    CommandSpec spec;

    @Option(names = "--budget", defaultValue = "10m", converter = Durations.class, paramLabel = "DURATION",
            description = "Wall-time budget, e.g. 3m (CI), 10m (nightly), 1h (a unit is required). The run is killed when it is spent. Default: ${DEFAULT-VALUE}.")
    Duration budget;

    @Option(names = "--tests", defaultValue = ".*", paramLabel = "REGEX",
            description = "Select tests as jcstress's -t does (find anywhere in the name). Default: all.")
    String tests;

    @Option(names = "--out", defaultValue = "stress-results", paramLabel = "DIR",
            description = "Where the dated run folder goes. Earlier runs are never overwritten. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--jar", defaultValue = "tests-jcstress/target/jcstress.jar", paramLabel = "PATH",
            description = "The jcstress test jar. Default: ${DEFAULT-VALUE}.")
    Path jar;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try {
            Pattern selector = compile(tests);
            if (!Files.isRegularFile(jar)) {
                throw new UsageException("no jcstress jar at " + jar + " (build it first: the pcistress wrapper does)");
            }
            List<DeclaredTest> selected = JarCatalog.read(jar, selector);
            if (selected.isEmpty()) {
                throw new UsageException("no test in " + jar + " matches --tests " + tests);
            }
            RunPlan plan;
            try {
                plan = RunPlan.forBudget(budget, selected.size(),
                        RunPlan.configurationsPerTest(Runtime.version().feature()));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Path dir = newRunFolder(out, LocalDateTime.now());
            org.pcistress.tools.cli.Signals.exitOnStop();
            return new StressRun(jar, tests, selected, plan, dir, stdout).run();
        } catch (UsageException e) {
            err.println("pcistress stress: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("pcistress stress: " + e.getMessage());
            err.flush();
            return ExitCodes.HARNESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("pcistress stress: interrupted");
            err.flush();
            return ExitCodes.HARNESS;
        }
    }

    private static Pattern compile(String regex) throws UsageException {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--tests is not a regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }

    /** A new folder {@code out/yyyy-MM-dd_HHmmss}, or with {@code -2}, {@code -3}… when that exists. */
    static Path newRunFolder(Path out, LocalDateTime now) throws IOException, UsageException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
        }
        try {
            Files.createDirectories(out);
        } catch (java.nio.file.FileSystemException e) {
            throw new UsageException("cannot create --out " + out + ": "
                    + (e.getReason() != null ? e.getFile() + ": " + e.getReason() : e.toString()));
        } catch (IOException e) {
            throw new UsageException("cannot create --out " + out + ": " + e);
        }
        String base = FOLDER.format(now);
        for (int i = 1; i < 1000; i++) {
            Path candidate = out.resolve(i == 1 ? base : base + "-" + i);
            try {
                return Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException e) {
                // an earlier run of the same second: never overwrite it, take the next name
            }
        }
        throw new IOException("no free run folder name under " + out + " for " + base);
    }

    /** A problem with what the user asked for: one line, exit 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
