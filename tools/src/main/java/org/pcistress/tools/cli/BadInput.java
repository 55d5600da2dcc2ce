package org.pcistress.tools.cli;

/**
 * Input a command cannot use: a missing or malformed file, an unknown profile or entry point, a
 * value out of range. The message is one line, printed by {@link Errors} as
 * {@code pcistress <command>: <message>} with exit {@link ExitCodes#USAGE}; never a stack trace.
 */
public final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInput(String message) {
        super(message, null, false, false);
    }
}
