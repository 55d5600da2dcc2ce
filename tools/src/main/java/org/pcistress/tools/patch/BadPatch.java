package org.pcistress.tools.patch;

/** A patch that is not a unified diff, or whose hunks do not add up: one line, exit 2. */
final class BadPatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadPatch(String message) {
        super(message);
    }
}
