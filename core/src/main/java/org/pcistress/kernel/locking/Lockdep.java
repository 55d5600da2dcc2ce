package org.pcistress.kernel.locking;

/**
 * The lockdep-style validator (kernel/locking/lockdep.c). Placeholder surface: the chain key and
 * the validation hook; the dependency graph is filled in by the validator's own change.
 */
public final class Lockdep {

    /** {@code iterate_chain_key()}: the held-lock chain key extended by one acquisition. */
    static long chainKey(long previous, LockClass cls, boolean read) {
        long k = previous * 0x9E3779B97F4A7C15L + ((long) cls.id() << 1 | (read ? 1 : 0));
        return k ^ (k >>> 29);
    }

    /** Called before a blocking acquisition of {@code lock} by {@code t}. */
    void validate(Task t, KernelLock lock, boolean read) {
        // filled in by the validator
    }
}
