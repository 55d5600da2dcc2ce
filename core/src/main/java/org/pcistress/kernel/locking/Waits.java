package org.pcistress.kernel.locking;

import java.util.List;
import org.pcistress.kernel.Report;

/**
 * The wait/grant machinery of one {@link Kernel}: a task sleeps on a {@link Waitable} until a
 * granter wakes it ({@code schedule()} and {@code wake_up_process()}), and every sleep is checked
 * for a closed wait-for cycle and bounded by the hung-task timeout. All methods run with the
 * lock's monitor held.
 */
final class Waits {
    private final Kernel kernel;

    Waits(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Sleeps until the wait on {@code on} is granted. The caller holds the monitor and has queued
     * {@code self} on {@code on}; a granter sets {@code self.granted} and wakes it. A wait that
     * closes a wait-for cycle throws {@link DeadlockDetected}; one that outlives the bound throws
     * {@link HungTaskDetected}. Either way {@code self} is taken off the queue first.
     */
    void await(Task self, Waitable on, boolean read) {
        self.waitingOn = on;
        self.waitRead = read;
        self.waitAt = self.frame();
        self.granted = false;
        try {
            if (kernel.config().detector()) {
                List<WaitForGraph.Step> cycle = WaitForGraph.cycleThrough(self);
                if (cycle != null) {
                    Report r = Reports.deadlock(cycle);
                    kernel.report(r);
                    on.cancel(self);
                    throw new DeadlockDetected(r);
                }
            }
            long left = kernel.config().hungTaskNanos();
            while (!self.granted) {
                if (self.pendingBug != null) {
                    throw self.pendingBug; // a cycle closed around this sleep (recheck); already cancelled
                }
                if (left <= 0) {
                    Report r = kernel.hungTaskReport(self, (Thread.currentThread().isInterrupted()
                            ? "interrupted while blocked in " : "blocked in ") + on.describeWait(read));
                    on.cancel(self);
                    throw new HungTaskDetected(r);
                }
                try {
                    left = kernel.scheduler().block(self, left);
                } catch (RuntimeException | Error e) {
                    if (!self.granted) {
                        on.cancel(self); // a scheduler that aborts the wait: leave no ghost in the queue
                    }
                    throw e;
                }
            }
        } finally {
            self.waitingOn = null;
            self.waitAt = null;
            self.granted = false;
            self.pendingBug = null;
        }
    }

    /**
     * An edge was added to {@code sleeper}'s wait while it already slept (a completer named
     * late), so a cycle may have closed without a new wait. Searches from the sleeper; a cycle is
     * reported, the sleeper taken off its queue and woken to throw {@link DeadlockDetected}: it is
     * the one task of the cycle that throws. Monitor held.
     */
    void recheck(Task sleeper) {
        if (!kernel.config().detector() || !sleeper.isBlocked()) {
            return;
        }
        List<WaitForGraph.Step> cycle = WaitForGraph.cycleThrough(sleeper);
        if (cycle != null) {
            Report r = Reports.deadlock(cycle);
            kernel.report(r);
            sleeper.waitingOn.cancel(sleeper);
            sleeper.pendingBug = new DeadlockDetected(r);
            kernel.scheduler().wake(sleeper);
        }
    }

    /** Grants {@code waiter}'s wait and wakes it. Monitor held. */
    void grant(Task waiter) {
        waiter.granted = true;
        kernel.scheduler().wake(waiter);
    }

    /** A task waits for a lock it holds itself (AA): reported, and the wait never starts. */
    DeadlockDetected selfDeadlock(Task self, KernelLock lock, boolean read) {
        Report r = Reports.selfDeadlock(self, lock, read, self.heldLocks());
        kernel.report(r);
        return new DeadlockDetected(r);
    }
}
