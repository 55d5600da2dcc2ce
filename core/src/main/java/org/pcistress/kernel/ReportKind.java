package org.pcistress.kernel;

/**
 * What a run can find. Each kind names the kernel facility that would have caught it on real
 * hardware, so a verdict reads the way a kernel developer already thinks about it.
 */
public enum ReportKind {
    /** A wait-for cycle closed: every task of it would sleep forever (the hung-task detector's case). */
    DEADLOCK(true),
    /** A model wait exceeded the hung-task bound without a cycle being found. */
    HUNG_TASK(true),
    /** lockdep: "possible circular locking dependency detected". A prediction, not an observed hang. */
    LOCKDEP_CIRCULAR(false),
    /** lockdep: "possible recursive locking detected". */
    LOCKDEP_RECURSIVE(false),
    /** A primitive misused: unlock by a non-owner, unlock of a lock not held, a lock held at task exit. */
    LOCKING_BUG(true),
    /** CONFIG_DEBUG_LIST: a bus list unlinked twice or walked after unlink. */
    LIST_CORRUPTION(true),
    /** The same device stopped or destroyed twice by two removal paths. */
    DOUBLE_REMOVE(true),
    /** KASAN: a device used after its last reference was dropped. */
    USE_AFTER_FREE(true),
    /** refcount_t: a reference dropped below zero. */
    REFCOUNT_UNDERFLOW(true),
    /** A VF left on the bus after its PF is gone. */
    VF_LEAKED(true),
    /** A device present for the whole recovery whose driver never got an AER broadcast. */
    MISSED_BROADCAST(true),
    /** A driver callback ran without the lock the kernel guarantees it (e.g. .remove without device_lock). */
    UNLOCKED_CALLBACK(true);

    private final boolean failure;

    ReportKind(boolean failure) {
        this.failure = failure;
    }

    /** {@code false} for lockdep's predictions: they stand beside a verdict, they are not one. */
    public boolean isFailure() {
        return failure;
    }
}
