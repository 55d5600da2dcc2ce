package org.pcistress.kernel.locking;

import java.util.ArrayDeque;
import java.util.List;

/**
 * {@code pci_cfg_access_lock(dev)} (drivers/pci/access.c, v4.14–v6.19): not a mutex but a
 * per-device flag ({@code dev->block_cfg_access}) and a wait queue ({@code pci_wait_cfg}). It has
 * no owner and no lockdep map, yet a waiter still waits for whoever set the flag, so the wait-for
 * detector follows that edge. Lockdep never sees it: its class is {@code novalidate}.
 */
public final class CfgAccessLock extends KernelLock {
    private static final LockClass CLASS = LockClass.novalidate("pci_cfg_access");

    private final ArrayDeque<Task> waiters = new ArrayDeque<>(1);
    private Task setter;

    public CfgAccessLock(Kernel kernel, String device) {
        super(kernel, CLASS, "cfg_access(" + device + ")");
    }

    /** {@code pci_cfg_access_lock()}: waits until the flag is clear, then sets it. */
    public void lock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.LOCK, this);
        sched.lock();
        try {
            if (setter == null) {
                setter = self;
            } else {
                waiters.addLast(self);
                kernel.waits().await(self, this, false); // the unlocker set the flag for us
            }
        } finally {
            sched.unlock();
        }
        kernel.locks().acquired(self, this, false, false);
    }

    /** {@code pci_cfg_access_trylock()}. */
    public boolean trylock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.TRYLOCK, this);
        sched.lock();
        try {
            if (setter != null) {
                return false;
            }
            setter = self;
        } finally {
            sched.unlock();
        }
        kernel.locks().acquired(self, this, false, true);
        return true;
    }

    /** {@code pci_cfg_access_unlock()}: clears the flag and wakes the waiters. */
    public void unlock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.UNLOCK, this);
        sched.lock();
        try {
            if (setter == null) {
                throw new LockingBug(kernel.lockingBug(self, "WARN_ON(!dev->block_cfg_access): "
                        + self + " unlocks " + name() + " which is not blocked"));
            }
            setter = waiters.pollFirst();
            if (setter != null) {
                kernel.waits().grant(setter);
            }
        } finally {
            sched.unlock();
        }
        kernel.locks().released(self, this, false);
    }

    @Override
    public void blockers(Task waiter, List<Edge> out) {
        if (setter != null && setter != waiter) {
            out.add(new Edge(setter, "set " + name()));
        } else if (setter == waiter) {
            out.add(new Edge(waiter, "set " + name() + " itself"));
        }
    }

    @Override
    public void cancel(Task waiter) {
        waiters.remove(waiter);
    }

    @Override
    public String describeWait(boolean read) {
        return "pci_cfg_access_lock(" + name() + ")";
    }

    @Override
    void releaseOnUnwind(Task t, boolean read) {
        unlock();
    }
}
