package org.pcistress.tools;

import java.util.List;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.cli.ParentWatch;
import java.util.concurrent.Callable;
import org.pcistress.tools.bench.BenchCommand;
import org.pcistress.tools.bench.BenchCompareCommand;
import org.pcistress.tools.bench.BenchReportCommand;
import org.pcistress.tools.cli.OneLineErrors;
import org.pcistress.tools.docs.ScenarioIndexCommand;
import org.pcistress.tools.history.HistoryCommand;
import org.pcistress.tools.job.RunCommand;
import org.pcistress.tools.stress.StressMergeCommand;
import org.pcistress.tools.matrix.ExploreCommand;
import org.pcistress.tools.matrix.MatrixCommand;
import org.pcistress.tools.matrix.MatrixDiffCommand;
import org.pcistress.tools.patch.CheckPatchCommand;
import org.pcistress.tools.stress.StressCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pcistress}: the command line. Each subcommand is a class of its own. */
@Command(name = "pcistress", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Race, explore and measure the Linux PCI core's locking.",
        exitCodeListHeading = "%nExit codes (every command):%n",
        exitCodeList = {"0:ok", "1:regression", "2:usage: bad options or input, nothing run or written",
            "3:harness failure"},
        subcommands = {
            RunCommand.class, StressMergeCommand.class, ScenarioIndexCommand.class,
            BenchCommand.class, BenchCompareCommand.class, BenchReportCommand.class,
            ExploreCommand.class, MatrixCommand.class, MatrixDiffCommand.class, CheckPatchCommand.class,
            StressCommand.class, HistoryCommand.class,
        })
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        ParentWatch.startIfAsked();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        String bad = variantsProblem();
        if (bad != null) {
            System.err.println("pcistress: " + bad);
            return ExitCodes.USAGE;
        }
        return commandLine().execute(args);
    }

    /**
     * Loads the model's registries of profiles and fixes, which also load the user's own
     * ({@code Variants} on the class path): a fix named like a built-in one, or a provider that does
     * not load, is one line and exit 2 before any command runs, not a trace. {@code null}: all well.
     */
    static String variantsProblem() {
        try {
            for (Class<?> c : List.of(org.pcistress.model.profile.Fixes.class, org.pcistress.model.profile.Profiles.class)) {
                Class.forName(c.getName(), true, Main.class.getClassLoader());
            }
            return null;
        } catch (ExceptionInInitializerError | java.util.ServiceConfigurationError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "the fixes and profiles on the class path (PCISTRESS_CLASSPATH) do not load: "
                    + String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.toString());
        } catch (ClassNotFoundException | LinkageError e) {
            return "the model does not load: " + e;
        }
    }

    /**
     * The configured command line: bad options end in one line on stderr and exit 2
     * ((ExitCodes.USAGE)); an unexpected exception in exit 3 ((ExitCodes.HARNESS)),
     * never picocli's 1, which means a regression here.
     */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /** Gives {@code cl} (the whole command line, or one command under test) the exit-code contract. */
    public static CommandLine configure(CommandLine cl) {
        return OneLineErrors.configure(cl);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
