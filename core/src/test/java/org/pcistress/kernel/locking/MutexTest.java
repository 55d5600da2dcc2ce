package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

@Timeout(30)
class MutexTest {

    private final Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));

    @Test
    void lockingAHeldMutexAgainIsAnImmediateSelfDeadlock() {
        Mutex m = new Mutex(kernel, "pci_rescan_remove_lock");
        KernelBug bug = kernel.runCatching("remove_store", () -> {
            try (var f = Task.enter("remove_store")) {
                m.lock();
                try (var g = Task.enter("sriov_del_vfs")) {
                    m.lock();
                }
            }
        });
        assertTrue(bug instanceof DeadlockDetected, "AA must be reported as a deadlock: " + bug);
        Report r = bug.report();
        assertEquals(ReportKind.DEADLOCK, r.kind());
        assertTrue(r.text().contains("remove_store \u2192 sriov_del_vfs"), r.text());
        assertTrue(r.text().contains("already holding lock"), r.text());
        assertFalse(m.isLocked(), "the unwinding task must have released the mutex");
    }

    @Test
    void selfDeadlockIsReportedEvenWithTheDetectorOff() {
        Kernel k = new Kernel(KernelConfig.defaults().withDetector(false).withValidator(false));
        Mutex m = new Mutex(k, "m");
        KernelBug bug = k.runCatching("t", () -> {
            m.lock();
            m.lock();
        });
        assertTrue(bug instanceof DeadlockDetected);
    }

    @Test
    void unlockByANonOwnerIsRejectedAndTheOwnerKeepsIt() throws Exception {
        Mutex m = new Mutex(kernel, "m");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        Actors actors = new Actors(kernel)
                .start("owner", () -> {
                    m.lock();
                    held.countDown();
                    awaitLatch(tried);
                    m.unlock();
                })
                .start("intruder", () -> {
                    awaitLatch(held);
                    try {
                        m.unlock();
                    } finally {
                        tried.countDown();
                    }
                });
        actors.join(10);
        assertEquals(1, actors.bugs().size());
        assertTrue(actors.bugs().get(0) instanceof LockingBug);
        assertTrue(kernel.hasReport(ReportKind.LOCKING_BUG));
        assertFalse(m.isLocked());
    }

    @Test
    void trylockFailsOnAHeldMutexWithoutDeadlocking() {
        Mutex m = new Mutex(kernel, "m");
        kernel.run("t", () -> {
            assertTrue(m.trylock());
            assertFalse(m.trylock(), "mutex_trylock on a mutex the caller holds returns 0");
            m.unlock();
        });
        assertTrue(kernel.reports().isEmpty(), kernel.reports().toString());
    }

    @Test
    void waitersAreHandedTheMutexInFifoOrder() throws Exception {
        Mutex m = new Mutex(kernel, "m");
        StringBuilder order = new StringBuilder();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Actors actors = new Actors(kernel).start("holder", () -> {
            m.lock();
            held.countDown();
            awaitLatch(release);
            m.unlock();
        });
        awaitLatch(held);
        actors.start("first", () -> {
            m.lock();
            order.append("first ");
            m.unlock();
        });
        Actors.await(() -> Actors.sleepingOn(m) == 1, "first is queued");
        Actors second = new Actors(kernel).start("second", () -> {
            m.lock();
            order.append("second");
            m.unlock();
        });
        Actors.await(() -> Actors.sleepingOn(m) == 2, "second is queued");
        release.countDown();
        actors.join(10);
        second.join(10);
        assertEquals("first second", order.toString());
    }

    static void awaitLatch(CountDownLatch l) {
        try {
            if (!l.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void modelCodeOutsideATaskIsRefused() {
        Mutex m = new Mutex(kernel, "m");
        assertThrows(IllegalStateException.class, m::lock);
    }
}
