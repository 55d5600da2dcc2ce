package org.pcistress.model.change;

/**
 * A lock change that names a function, place, lock or variant the model does not know, or is not
 * in the format. The message is one line and lists the known names; it is an
 * {@link IllegalArgumentException} so every place that takes a fix name reports it as bad input.
 */
public final class BadLockChange extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BadLockChange(String message) {
        super(message);
    }
}
