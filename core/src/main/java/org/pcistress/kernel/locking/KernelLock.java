package org.pcistress.kernel.locking;

/**
 * What every lock of the model shares: a name for reports, a lockdep class, the kernel it lives in.
 * Subclasses model one kernel primitive each, with the kernel's exact semantics.
 */
public abstract class KernelLock implements Waitable {
    final Kernel kernel;
    final Scheduler sched;
    private final LockClass lockClass;
    private final String name;

    KernelLock(Kernel kernel, LockClass lockClass, String name) {
        this.kernel = kernel;
        this.sched = kernel.scheduler();
        this.lockClass = lockClass;
        this.name = name;
    }

    public final String name() {
        return name;
    }

    public final LockClass lockClass() {
        return lockClass;
    }

    public final Kernel kernel() {
        return kernel;
    }

    /** Releases a lock a task still held when it unwound from a {@link KernelBug} or exited. */
    abstract void releaseOnUnwind(Task t, boolean read);

    @Override
    public String describeWait(boolean read) {
        return (read ? "rlock(" : "lock(") + name + ")";
    }

    @Override
    public String toString() {
        return name;
    }
}
