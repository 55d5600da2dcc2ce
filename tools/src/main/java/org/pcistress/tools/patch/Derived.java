package org.pcistress.tools.patch;

import org.pcistress.model.change.LockOp;

/**
 * A line of the lock change read from one place of a patch, or why that place cannot be one.
 *
 * @param op     the line, or {@code null}
 * @param reason why there is none, or {@code null}
 */
record Derived(LockOp op, String reason) {
    static Derived of(LockOp op) {
        return new Derived(op, null);
    }

    static Derived fail(String reason) {
        return new Derived(null, reason);
    }
}
