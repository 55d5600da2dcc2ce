package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/** What a task still holds when it unwinds or exits is released once, whatever goes wrong on the way. */
@Timeout(30)
class UnwindTest {

    private final Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));

    /**
     * Someone else cleared the task's config-access flag (the kernel's flag has no owner), so the
     * task's own pci_cfg_access_unlock is a LockingBug, and so is Kernel.exit's release of it. The
     * exit must still release the mutex held under it and mark the task exited.
     */
    @Test
    void aReleaseThatThrowsDuringExitDoesNotLeakTheLocksBelowIt() throws Exception {
        CfgAccessLock cfg = new CfgAccessLock(kernel, "0000:01:00.0");
        Mutex m = new Mutex(kernel, "pci_rescan_remove_lock");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch cleared = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Task> ownerTask = new java.util.concurrent.atomic.AtomicReference<>();
        Actors owner = new Actors(kernel).start("owner", () -> {
            ownerTask.set(Task.current());
            m.lock();
            cfg.lock();
            held.countDown();
            MutexTest.awaitLatch(cleared);
            cfg.unlock(); // the flag is clear: LockingBug; exit releases what is left
        });
        MutexTest.awaitLatch(held);
        Actors other = new Actors(kernel).start("other", () -> {
            try {
                cfg.unlock();
            } finally {
                cleared.countDown();
            }
        });
        other.join(10);
        owner.join(10);
        assertEquals(1, owner.bugs().size());
        assertTrue(owner.bugs().get(0) instanceof LockingBug, owner.bugs().toString());
        assertFalse(m.isLocked(), "the mutex under the failing release leaked");
        assertTrue(ownerTask.get().hasExited());
        assertFalse(kernel.tasks().contains(ownerTask.get()), "an exited task leaves the kernel");
    }

    /** Model code that unlocks in finally, then Kernel.exit: nothing released twice, no report. */
    @Test
    void locksReleasedByFinallyBlocksAreNotReleasedAgainByExit() {
        Mutex a = new Mutex(kernel, "A");
        RwSemaphore s = new RwSemaphore(kernel, "S");
        KernelBug bug = kernel.runCatching("t", () -> {
            a.lock();
            try {
                s.downRead();
                try {
                    a.lock(); // AA: DeadlockDetected, unwinds through both finally blocks
                } finally {
                    s.upRead();
                }
            } finally {
                a.unlock();
            }
        });
        assertTrue(bug instanceof DeadlockDetected, String.valueOf(bug));
        assertEquals(1, kernel.reports().size(), kernel.reports().toString());
        assertFalse(a.isLocked() || s.isLocked());
    }

    /** A normal exit with locks held: reported, then released (out of order held stack included). */
    @Test
    void aNormalExitWithLocksHeldIsReportedAndReleased() {
        Mutex a = new Mutex(kernel, "A");
        Mutex b = new Mutex(kernel, "B");
        RwSemaphore s = new RwSemaphore(kernel, "S");
        kernel.run("leaker", () -> {
            a.lock();
            b.lock();
            s.downRead();
            a.unlock(); // out of order
        });
        assertOne(kernel.reports(), ReportKind.LOCKING_BUG, "exited holding 2 lock(s)");
        assertFalse(a.isLocked() || b.isLocked() || s.isLocked());
    }

    private static void assertOne(List<Report> reports, ReportKind kind, String inTitle) {
        assertEquals(1, reports.size(), reports.toString());
        assertEquals(kind, reports.get(0).kind());
        assertTrue(reports.get(0).title().contains(inTitle), reports.get(0).title());
    }
}
