package org.pcistress.explore;

import org.pcistress.kernel.locking.CfgAccessLock;
import org.pcistress.kernel.locking.Completion;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Scheduler.Op;
import org.pcistress.kernel.locking.Task;

/** The kernel's words for a step: {@code mutex_lock(&dev->mutex/PF)}, {@code down_read(pci_bus_sem)}. */
final class Labels {
    private Labels() {
    }

    /** The kernel call a task makes at a scheduling point. */
    static String op(Op op, Object target) {
        if (op == null) {
            return "(start)";
        }
        String n = name(target);
        switch (op) {
            case LOCK:
                return target instanceof Mutex ? "mutex_lock(" + n + ")"
                        : target instanceof RwSemaphore ? "down_write(" + n + ")"
                        : target instanceof CfgAccessLock ? "pci_cfg_access_lock(" + n + ")"
                        : "lock(" + n + ")";
            case READ_LOCK:
                return "down_read(" + n + ")";
            case TRYLOCK:
                return target instanceof Mutex ? "mutex_trylock(" + n + ")"
                        : target instanceof RwSemaphore ? "down_trylock(" + n + ")"
                        : target instanceof CfgAccessLock ? "pci_cfg_access_trylock(" + n + ")"
                        : "trylock(" + n + ")";
            case UNLOCK:
                return target instanceof Mutex ? "mutex_unlock(" + n + ")"
                        : target instanceof RwSemaphore ? "up_write(" + n + ")"
                        : target instanceof CfgAccessLock ? "pci_cfg_access_unlock(" + n + ")"
                        : "unlock(" + n + ")";
            case READ_UNLOCK:
                return "up_read(" + n + ")";
            case WAIT:
                return "wait_for_completion(" + n + ")";
            case COMPLETE:
                return "complete(" + n + ")";
            case SPAWN:
                return "start " + n;
            case EXIT:
                return "(exit)";
            case ACCESS:
                return "access " + n;
            default:
                return op + "(" + n + ")";
        }
    }

    /** What a task does when it runs again after a granted wait. */
    static String resume(Op op, Object target) {
        if (target instanceof Completion) {
            return "(woken: " + name(target) + " completed)";
        }
        String n = name(target);
        return op == Op.READ_LOCK ? "(gets " + n + " for read)" : "(gets " + n + ")";
    }

    private static String name(Object target) {
        if (target instanceof Task) {
            return ((Task) target).name();
        }
        if (target instanceof CfgAccessLock) {
            String n = ((CfgAccessLock) target).name();
            return n.startsWith("cfg_access(") && n.endsWith(")") ? n.substring(11, n.length() - 1) : n;
        }
        return String.valueOf(target);
    }
}
