package org.pcistress.kernel.locking;

import java.util.List;

/**
 * The held-lock bookkeeping of one {@link Kernel}: lockdep's check before a blocking acquisition,
 * the held stack with its chain keys after it, and the balance check at release (lockdep's
 * {@code lock_acquire} / {@code lock_release} hooks).
 */
final class LockTracking {
    private final Kernel kernel;

    LockTracking(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Before a blocking acquisition: lockdep's check, which may report but never blocks. */
    void validate(Task t, KernelLock lock, boolean read) {
        if (kernel.lockdep() != null) {
            kernel.lockdep().validate(t, lock, read);
        }
    }

    /** After an acquisition: onto the held stack, with its chain key. */
    void acquired(Task t, KernelLock lock, boolean read, boolean trylock) {
        if (kernel.tracking()) {
            long key = kernel.lockdep() == null ? 0L : Lockdep.chainKey(t.topChainKey(), lock.lockClass(), read);
            t.pushHeld(lock, read, trylock, key);
        }
    }

    /** After a release: off the held stack. A release of a lock not held is a locking bug. */
    void released(Task t, KernelLock lock, boolean read) {
        if (kernel.tracking() && !t.popHeld(lock, read)) {
            throw new LockingBug(kernel.lockingBug(t, "WARNING: bad unlock balance detected! " + t + " is trying to release "
                    + (read ? "rlock(" : "lock(") + lock.name() + ") but there are no more locks to release!"));
        }
    }

    /** Recomputes the chain keys of the held stack from index {@code from} after an out-of-order release. */
    void rekeyFrom(Task t, int from) {
        if (kernel.lockdep() == null) {
            return;
        }
        long key = from == 0 ? 0L : t.heldAt(from - 1).chainKey();
        for (int i = from; i < t.heldDepth(); i++) {
            HeldLock h = t.heldAt(i);
            key = Lockdep.chainKey(key, h.lock().lockClass(), h.read());
            t.setChainKey(i, key);
        }
    }

    /**
     * A task exits (or unwinds out of its body) still holding locks: a normal exit with locks held
     * is reported as a locking bug; either way they are released for it, innermost first.
     */
    void releaseAtExit(Task t, boolean normal) {
        if (!kernel.tracking() || t.heldDepth() == 0) {
            return;
        }
        List<HeldLock> left = t.heldLocks();
        if (normal) {
            kernel.report(Reports.lockHeldAtExit(t, left));
        }
        for (int i = left.size() - 1; i >= 0; i--) {
            try {
                left.get(i).lock().releaseOnUnwind(t, left.get(i).read());
            } catch (KernelBug bug) {
                // reported already (a release the lock's state refuses); release the rest
            }
        }
    }
}
