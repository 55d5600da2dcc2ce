package org.pcistress.tools.bench;

/**
 * Input the bench tools cannot use: a missing file, malformed JSON, JSON that is not JMH output,
 * result sets with nothing in common. The message is one line, printed as it is; never a stack
 * trace.
 */
public final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInput(String message) {
        super(message, null, false, false);
    }
}
