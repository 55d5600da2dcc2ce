package org.pcistress.kernel.locking;

/**
 * An entry of a task's held-lock stack ({@code struct held_lock}): which lock, how (read or
 * write), the call chain it was taken under, and the lockdep chain key up to and including it.
 *
 * <p>Entries of a live stack are reused slots, so the hot path allocates nothing; reports and
 * {@link Task#heldLocks()} hand out {@link #copy() copies}.
 */
public final class HeldLock {
    KernelLock lock;
    boolean read;
    boolean trylock;
    Frame at;
    long chainKey;

    HeldLock() {
    }

    void set(KernelLock lock, boolean read, boolean trylock, Frame at, long chainKey) {
        this.lock = lock;
        this.read = read;
        this.trylock = trylock;
        this.at = at;
        this.chainKey = chainKey;
    }

    void clear() {
        set(null, false, false, null, 0L);
    }

    HeldLock copy() {
        HeldLock c = new HeldLock();
        c.set(lock, read, trylock, at, chainKey);
        return c;
    }

    public KernelLock lock() {
        return lock;
    }

    public boolean read() {
        return read;
    }

    public boolean trylock() {
        return trylock;
    }

    /** The call chain the lock was taken under; {@code null} at a task's top level. */
    public Frame at() {
        return at;
    }

    public long chainKey() {
        return chainKey;
    }

    /** {@code lock(pci_rescan_remove_lock)} or {@code rlock(pci_bus_sem)}, as lockdep prints it. */
    public String describe() {
        return (read ? "rlock(" : "lock(") + (lock == null ? "?" : lock.name()) + ")";
    }

    @Override
    public String toString() {
        return describe() + ", at: " + (at == null ? "(top level)" : at.chain());
    }
}
