package org.pcistress.tools;

import java.util.concurrent.Callable;
import org.pcistress.tools.matrix.ExploreCommand;
import org.pcistress.tools.matrix.MatrixCommand;
import org.pcistress.tools.matrix.MatrixDiffCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pcistress}: the command line. Each subcommand is a class of its own. */
@Command(name = "pcistress", mixinStandardHelpOptions = true, version = "pcistress 0.1.0",
        description = "Race, explore and measure the Linux PCI core's locking.",
        subcommands = {ExploreCommand.class, MatrixCommand.class, MatrixDiffCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setParameterExceptionHandler(Main::badInput).execute(args);
    }

    /** A bad option or value: one line on stderr, exit status 2. */
    private static int badInput(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
                + " (see --help)");
        cmd.getErr().flush();
        return 2;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
