package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/** Wait-for edges that appear while the waiter already sleeps, and the config-access flag's edge. */
@Timeout(30)
class LateEdgeTest {

    static int sleepingOn(Kernel k, Waitable w) {
        Scheduler s = k.scheduler();
        s.lock();
        try {
            int n = 0;
            for (Task t : k.tasks()) {
                if (t.isBlocked() && t.waitingOn == w) {
                    n++;
                }
            }
            return n;
        } finally {
            s.unlock();
        }
    }

    /** How many tasks sleep on any completion. */
    static int sleepingOnCompletion(Kernel k) {
        Scheduler s = k.scheduler();
        s.lock();
        try {
            int n = 0;
            for (Task t : k.tasks()) {
                if (t.isBlocked() && t.waitingOn instanceof Completion) {
                    n++;
                }
            }
            return n;
        } finally {
            s.unlock();
        }
    }

    /**
     * The waiter sleeps on a completion nobody is expected to complete yet, holding a mutex; the
     * future completer sleeps on that mutex. Naming the completer afterwards (Completion.expect)
     * closes the cycle without a new wait: it must still be found, and reported in the waiter.
     */
    @Test
    void aCompleterNamedAfterTheWaiterSleptStillClosesTheCycle() throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false).withHungTaskMillis(3000));
        Mutex m = new Mutex(kernel, "pci_rescan_remove_lock");
        Completion c = new Completion(kernel, "probe_done");
        CountDownLatch held = new CountDownLatch(1);
        Actors waiter = new Actors(kernel).start("waiter", () -> {
            m.lock();
            try {
                held.countDown();
                c.waitForCompletion();
            } finally {
                m.unlock();
            }
        });
        MutexTest.awaitLatch(held);
        Actors.await(() -> sleepingOn(kernel, c) == 1, "the waiter sleeps on the completion");
        Actors completer = new Actors(kernel).start("completer", () -> {
            m.lock();
            try {
                c.complete();
            } finally {
                m.unlock();
            }
        });
        Actors.await(() -> Actors.sleepingOn(m) == 1, "the completer sleeps on the mutex");
        c.expect(RwSemaphoreTest.task(kernel, "completer"));
        waiter.join(10);
        completer.join(10);
        assertEquals(1, waiter.bugs().size());
        assertTrue(waiter.bugs().get(0) instanceof DeadlockDetected, waiter.bugs().toString());
        assertTrue(completer.bugs().isEmpty(), completer.bugs().toString());
        assertFalse(kernel.hasReport(ReportKind.HUNG_TASK), kernel.reports().toString());
        assertEquals(1, kernel.reports().size(), kernel.reports().toString());
        assertFalse(m.isLocked());
        assertTrue(c.isDone(), "the completion went to nobody once the waiter had left");
    }

    /** pci_cfg_access_lock: the waiter waits for the task that set the flag, which waits for it. */
    @Test
    void aCfgAccessWaiterWaitsForTheSetterInACycle() throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));
        CfgAccessLock cfg = new CfgAccessLock(kernel, "0000:01:00.0");
        Mutex dev = new Mutex(kernel, "&dev->mutex/PF");
        CountDownLatch bothHold = new CountDownLatch(2);
        Actors actors = new Actors(kernel)
                .start("sriov_enable", () -> {
                    cfg.lock();
                    try {
                        bothHold.countDown();
                        MutexTest.awaitLatch(bothHold);
                        dev.lock();
                        dev.unlock();
                    } finally {
                        cfg.unlock();
                    }
                })
                .start("reset", () -> {
                    dev.lock();
                    try {
                        bothHold.countDown();
                        MutexTest.awaitLatch(bothHold);
                        cfg.lock();
                        cfg.unlock();
                    } finally {
                        dev.unlock();
                    }
                });
        actors.join(10);
        assertEquals(1, actors.bugs().size(), actors.bugs().toString());
        assertTrue(actors.bugs().get(0) instanceof DeadlockDetected);
        Report r = kernel.reports().get(0);
        assertEquals(1, kernel.reports().size(), kernel.reports().toString());
        assertTrue(r.text().contains("set cfg_access(0000:01:00.0)"), r.text());
        assertFalse(dev.isLocked());
        kernel.run("after", () -> {
            assertTrue(cfg.trylock(), "the flag was cleared by the unwinding task");
            cfg.unlock();
        });
    }

    /** Setting the flag twice from one task: the second lock waits on itself. */
    @Test
    void aCfgAccessLockTakenTwiceByItsSetterIsASelfDeadlock() {
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));
        CfgAccessLock cfg = new CfgAccessLock(kernel, "0000:01:00.0");
        KernelBug bug = kernel.runCatching("t", () -> {
            cfg.lock();
            cfg.lock();
        });
        assertTrue(bug instanceof DeadlockDetected, String.valueOf(bug));
        kernel.run("after", () -> {
            assertTrue(cfg.trylock());
            cfg.unlock();
        });
    }
}
