package org.pcistress.tools;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Bad options end in one line on stderr and exit 2, not a usage dump: the nightly job's log shows
 * exactly what was wrong.
 */
public final class OneLineErrors implements IParameterExceptionHandler {
    /** The exit code for bad options (and, by the stress command, for a missing jar). */
    public static final int USAGE = 2;

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage().strip().replace('\n', ' ')
                + " (see --help)");
        cmd.getErr().flush();
        return USAGE;
    }
}
