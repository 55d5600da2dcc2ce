package org.pcistress.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Bad options end in one line on stderr and exit 2, not a usage dump: the nightly job's log shows
 * exactly what was wrong. The line has the one error format ({@link Errors}) plus a hint.
 */
public final class OneLineErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        return Errors.usage(cmd.getCommandSpec(), e.getMessage() + " (see --help)");
    }

    /**
     * Gives {@code cl} (the whole command line, or one command under test) the exit-code contract:
     * bad options end in one line and exit 2 ({@link ExitCodes#USAGE}); an unexpected exception in
     * exit 3 ({@link ExitCodes#HARNESS}), never picocli's 1, which means a regression here. The
     * user's relative paths are resolved against the caller's directory first ({@link UserPaths}).
     */
    public static CommandLine configure(CommandLine cl) {
        cl.setExecutionStrategy(parsed -> {
            UserPaths.rebase(parsed); // the user's relative paths are relative to where they ran pcistress
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl.setParameterExceptionHandler(new OneLineErrors()).setExecutionExceptionHandler((ex, bad, parsed) -> {
            ex.printStackTrace(bad.getErr());
            bad.getErr().println(Errors.prefix(bad.getCommandSpec()) + "harness failure: " + ex);
            return ExitCodes.HARNESS;
        });
    }
}
