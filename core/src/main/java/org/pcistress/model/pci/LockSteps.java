package org.pcistress.model.pci;

import java.util.List;
import java.util.function.Supplier;
import org.pcistress.kernel.locking.CfgAccessLock;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.LockStep;

/**
 * Runs a kernel path's body inside the locks its profile names, taken in order and released in
 * reverse in a finally block; a step that does not apply to the device is skipped.
 */
final class LockSteps {
    private LockSteps() {
    }

    static <T> T run(PciCore core, KernelPath path, PciDev dev, Supplier<T> body) {
        return run(core, core.profile().steps(path), dev, body);
    }

    static <T> T run(PciCore core, List<LockStep> steps, PciDev dev, Supplier<T> body) {
        if (steps.isEmpty()) {
            return body.get();
        }
        Object[] taken = new Object[steps.size()];
        int n = 0;
        try {
            for (LockStep s : steps) {
                taken[n] = acquire(core, s, dev);
                n++;
            }
            return body.get();
        } finally {
            for (int i = n - 1; i >= 0; i--) {
                release(core, steps.get(i), taken[i]);
            }
        }
    }

    /** Takes one step; returns what to release, or {@code null} when the step does not apply. */
    private static Object acquire(PciCore core, LockStep s, PciDev dev) {
        switch (s) {
            case RESCAN_REMOVE:
                core.rescanRemoveLock().lock();
                return core.rescanRemoveLock();
            case DEVICE_LOCK_SELF:
                return deviceLock(dev);
            case DEVICE_LOCK_PARENT:
                return dev == null || dev.parent() == null ? null : deviceLock(dev.parent());
            case DEVICE_LOCK_PF:
                return dev == null || dev.physfn() == null ? null : deviceLock(dev.physfn());
            case BUS_SEM_READ:
                Locks.downRead(core.pciBusSem());
                return core.pciBusSem();
            case BUS_SEM_WRITE:
                Locks.downWrite(core.pciBusSem());
                return core.pciBusSem();
            case CFG_ACCESS_SELF:
                if (dev == null) {
                    return null;
                }
                dev.check("pci_cfg_access_lock").cfgAccess().lock();
                return dev.cfgAccess();
            case RPC_MUTEX:
                Locks.mutexLock(core.rpcMutex());
                return core.rpcMutex();
            case RESET_LOCK_READ:
                Locks.downRead(core.reset().pciehpResetLock());
                return core.reset().pciehpResetLock();
            case RESET_LOCK_WRITE:
                Locks.downWrite(core.reset().pciehpResetLock());
                return core.reset().pciehpResetLock();
            default:
                throw new IllegalStateException("unknown lock step " + s);
        }
    }

    private static Object deviceLock(PciDev d) {
        if (d == null) {
            return null;
        }
        try (var f = Task.enter("device_lock")) {
            d.check("device_lock");
            Locks.mutexLock(d.mutex());
        }
        return d.mutex();
    }

    private static void release(PciCore core, LockStep s, Object lock) {
        if (lock == null) {
            return;
        }
        switch (s) {
            case RESCAN_REMOVE:
                core.rescanRemoveLock().unlock();
                break;
            case BUS_SEM_READ:
            case RESET_LOCK_READ:
                Locks.upRead((RwSemaphore) lock);
                break;
            case BUS_SEM_WRITE:
            case RESET_LOCK_WRITE:
                Locks.upWrite((RwSemaphore) lock);
                break;
            case CFG_ACCESS_SELF:
                ((CfgAccessLock) lock).unlock();
                break;
            default:
                Locks.mutexUnlock((Mutex) lock);
        }
    }
}
