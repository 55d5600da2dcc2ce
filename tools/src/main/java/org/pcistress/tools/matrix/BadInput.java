package org.pcistress.tools.matrix;

/** Input the command cannot use: printed as one line, exit status 2. */
public final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadInput(String message) {
        super(message, null, false, false);
    }
}
