package org.pcistress.tools;

import java.util.concurrent.Callable;
import org.pcistress.tools.stress.StressCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pcistress}: the command line. Each subcommand is a class of its own. */
@Command(name = "pcistress", mixinStandardHelpOptions = true, version = "pcistress 0.1.0",
        description = "Race, explore and measure the Linux PCI core's locking.",
        subcommands = {StressCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: bad options end in one line on stderr and exit 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setParameterExceptionHandler(new OneLineErrors());
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }
}
