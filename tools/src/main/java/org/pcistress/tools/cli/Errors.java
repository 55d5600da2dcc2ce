package org.pcistress.tools.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** The one error format of every command: {@code pcistress <command>: <message>}, one line on stderr. */
public final class Errors {
    private Errors() {
    }

    /** {@code pcistress bench}, {@code pcistress matrix-diff}: how the messages of {@code spec} start. */
    public static String prefix(CommandSpec spec) {
        return spec.name().equals("pcistress") ? "pcistress: " : "pcistress " + spec.name() + ": ";
    }

    /** Prints {@code message} as one line for {@code spec}'s command and returns {@code code}. */
    public static int print(CommandSpec spec, String message, int code) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(prefix(spec) + message.strip().replace('\n', ' '));
        err.flush();
        return code;
    }

    /** Bad input: one line and {@link ExitCodes#USAGE}. */
    public static int usage(CommandSpec spec, String message) {
        return print(spec, message, ExitCodes.USAGE);
    }
}
