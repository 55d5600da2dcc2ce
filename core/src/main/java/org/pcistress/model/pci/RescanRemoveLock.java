package org.pcistress.model.pci;

import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.Task;

/**
 * {@code pci_rescan_remove_lock} (drivers/pci/probe.c, v4.14–v6.19): a plain, non-recursive
 * global mutex.
 *
 * <p>With the {@code reentrant-rescan} fix (Ionut Nechita's 2026 proposal) it also records its
 * owner task and a depth: a task that already owns it takes it again by bumping the depth. The
 * ownership test is the proposal's own mechanism, not model instrumentation; it is per task, so a
 * probe that work_on_cpu runs in a kworker is not the owner and blocks. Owner and depth are one
 * field for the explorer's footprints (each use declares a write of it).
 */
public final class RescanRemoveLock {
    private static final LockClass CLASS = LockClass.of("pci_rescan_remove_lock");

    private final Kernel kernel;
    private final Mutex mutex;
    private final boolean reentrant;
    private volatile Task owner;
    private int depth;

    RescanRemoveLock(Kernel kernel, boolean reentrant) {
        this.kernel = kernel;
        this.mutex = new Mutex(kernel, CLASS, "pci_rescan_remove_lock");
        this.reentrant = reentrant;
    }

    /** @kernel drivers/pci/probe.c:pci_lock_rescan_remove() v4.14 v5.10 v6.19 */
    public void lock() {
        if (reentrant) {
            Task self = Task.current();
            Locks.writes(kernel, this, "owner"); // a read here, and the write of depth
            if (owner == self) {
                depth++;
                return;
            }
            Locks.mutexLock(mutex); // a scheduling point: the stores below are the next step's
            Locks.writes(kernel, this, "owner");
            owner = self;
            depth = 1;
            return;
        }
        Locks.mutexLock(mutex);
    }

    /** @kernel drivers/pci/probe.c:pci_unlock_rescan_remove() v4.14 v5.10 v6.19 */
    public void unlock() {
        if (reentrant) {
            Locks.writes(kernel, this, "owner");
            if (owner == Task.current() && depth > 1) {
                depth--;
                return;
            }
            owner = null;
            depth = 0;
        }
        Locks.mutexUnlock(mutex);
    }

    public Mutex mutex() {
        return mutex;
    }
}
