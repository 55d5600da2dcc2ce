package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rwsem's queue, wake policy and WAITERS bit; real threads ordered by queue state and latches. */
@Timeout(60)
class RwSemaphoreTest {

    static Task task(Kernel k, String name) {
        for (Task t : k.tasks()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no task " + name);
    }

    /**
     * Queue [R1, R2, W3, R4] behind a writer: its up_write grants R1 and R2 together (the readers at
     * the head up to the first writer), W3 waits for both, then W3 alone, then R4; R4 never barges
     * past W3. The WAITERS bit follows the queue.
     */
    @Test
    void aWriterReleaseGrantsTheReaderBatchAtTheHeadThenTheWriterThenTheLateReader() throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));
        RwSemaphore sem = new RwSemaphore(kernel, "pci_bus_sem");
        StringBuffer order = new StringBuffer();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch batchIn = new CountDownLatch(2);
        CountDownLatch batchOut = new CountDownLatch(1);
        Actors a = new Actors(kernel).start("W0", () -> {
            sem.downWrite();
            held.countDown();
            MutexTest.awaitLatch(release);
            sem.upWrite();
        });
        MutexTest.awaitLatch(held);
        assertFalse(sem.isContended());
        for (String r : new String[] {"R1", "R2"}) {
            int before = Actors.sleepingOn(sem);
            a.start(r, () -> {
                sem.downRead();
                order.append(r + " "); // one append: the two readers hold the lock at once
                batchIn.countDown();
                MutexTest.awaitLatch(batchOut); // both readers hold it at once, or this never ends
                sem.upRead();
            });
            Actors.await(() -> Actors.sleepingOn(sem) == before + 1, r + " is queued");
        }
        assertTrue(sem.isContended());
        a.start("W3", () -> {
            sem.downWrite();
            order.append("W3 ");
            sem.upWrite();
        });
        Actors.await(() -> Actors.sleepingOn(sem) == 3, "W3 is queued");
        a.start("R4", () -> {
            sem.downRead();
            order.append("R4");
            sem.upRead();
        });
        Actors.await(() -> Actors.sleepingOn(sem) == 4, "R4 is queued");
        release.countDown();
        MutexTest.awaitLatch(batchIn);
        // R1 and R2 hold it together; W3 and R4 still sleep, and R4 did not join the batch.
        Actors.await(() -> Actors.sleepingOn(sem) == 2, "W3 and R4 still queued");
        assertTrue(sem.isContended());
        batchOut.countDown();
        a.join(10);
        String o = order.toString();
        assertTrue(o.equals("R1 R2 W3 R4") || o.equals("R2 R1 W3 R4"), o);
        assertTrue(a.bugs().isEmpty(), a.bugs().toString());
        assertFalse(sem.isLocked());
        assertFalse(sem.isContended(), "WAITERS clear once the queue is empty");
        assertTrue(kernel.reports().isEmpty(), kernel.reports().toString());
    }

    /**
     * Read-held by R0, queue [W, R1]: R1 waits only because of W. When W's wait times out, the
     * cancel re-grants: R1 joins R0 as a reader at once, while R0 still holds the lock.
     */
    @Test
    void aTimedOutWriterLetsTheReadersQueuedBehindItIn() throws Exception {
        ScriptedScheduler sched = new ScriptedScheduler();
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false), sched);
        RwSemaphore sem = new RwSemaphore(kernel, "pci_bus_sem");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch r1In = new CountDownLatch(1);
        Actors r0 = new Actors(kernel).start("R0", () -> {
            sem.downRead();
            held.countDown();
            MutexTest.awaitLatch(release);
            sem.upRead();
        });
        MutexTest.awaitLatch(held);
        Actors w = new Actors(kernel).start("W", () -> {
            sem.downWrite();
            sem.upWrite();
        });
        Actors.await(() -> Actors.sleepingOn(sem) == 1, "W is queued");
        Actors r1 = new Actors(kernel).start("R1", () -> {
            sem.downRead();
            r1In.countDown();
            sem.upRead();
        });
        Actors.await(() -> Actors.sleepingOn(sem) == 2, "R1 is queued behind W");
        sched.expire(task(kernel, "W"));
        w.join(10);
        assertEquals(1, w.bugs().size());
        assertTrue(w.bugs().get(0) instanceof HungTaskDetected, w.bugs().toString());
        MutexTest.awaitLatch(r1In); // granted while R0 still holds it for read
        r1.join(10);
        assertTrue(r1.bugs().isEmpty(), r1.bugs().toString());
        assertFalse(sem.isContended());
        release.countDown();
        r0.join(10);
        assertFalse(sem.isLocked());
    }

    /**
     * An up_read that saw WAITERS takes the slow path; the last waiter leaves (times out) before the
     * releaser gets the monitor, so WAITERS is clear and lock-free readers run again while the
     * releaser updates the word. No update may be lost: at the end the semaphore must be free and
     * nobody may have been told it released a lock it did not hold.
     *
     * <p>The window is a few instructions wide, so this repeats the (deterministic) setup and lets a
     * third reader hammer the fast path across it.
     */
    @Test
    void aSlowReleaseAfterTheLastWaiterLeftLosesNoConcurrentFastPathUpdate() throws Exception {
        for (int i = 0; i < 100; i++) {
            ScriptedScheduler sched = new ScriptedScheduler();
            Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false), sched);
            RwSemaphore sem = new RwSemaphore(kernel, "sem");
            CountDownLatch holding = new CountDownLatch(2);
            CountDownLatch goR1 = new CountDownLatch(1);
            CountDownLatch goR2 = new CountDownLatch(1);
            Actors r1 = new Actors(kernel).start("R1", () -> {
                sem.downRead();
                holding.countDown();
                MutexTest.awaitLatch(goR1);
                sem.upRead();
            });
            Actors r2 = new Actors(kernel).start("R2", () -> {
                        sem.downRead();
                        holding.countDown();
                        MutexTest.awaitLatch(goR2);
                        sem.upRead();
                    });
            MutexTest.awaitLatch(holding);
            Actors w = new Actors(kernel).start("W", () -> {
                sem.downWrite();
                sem.upWrite();
            });
            Actors.await(() -> Actors.sleepingOn(sem) == 1, "W is queued");
            ScriptedScheduler.Gate gate = sched.holdAtMonitor(t -> t.name().equals("R1"));
            goR1.countDown();
            gate.arrived(); // R1 saw WAITERS and is about to take the monitor
            sched.expire(task(kernel, "W"));
            w.join(10);
            assertFalse(sem.isContended(), "the queue is empty");
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong rounds = new AtomicLong();
            Actors x = new Actors(kernel).start("X", () -> {
                while (!stop.get()) {
                    if (sem.downReadTrylock()) {
                        sem.upRead();
                    }
                    rounds.incrementAndGet();
                }
            });
            Actors.await(() -> rounds.get() > 1000, "X hammers the fast path");
            gate.open();
            r1.join(10);
            long r = rounds.get();
            Actors.await(() -> rounds.get() > r + 1000, "X hammered past R1's release");
            stop.set(true);
            x.join(10);
            goR2.countDown();
            r2.join(10);
            assertTrue(r1.bugs().isEmpty() && r2.bugs().isEmpty() && x.bugs().isEmpty(),
                    "iteration " + i + ": " + r1.bugs() + r2.bugs() + x.bugs());
            assertFalse(sem.isLocked(), "iteration " + i + ": a reader count was lost");
        }
    }

    /** up_read by a task that holds no read lock: a LockingBug, and the real reader keeps its lock. */
    @Test
    void upReadByANonHolderIsRejectedAndTheReaderKeepsItsLock() throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));
        RwSemaphore sem = new RwSemaphore(kernel, "pci_bus_sem");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        Actors reader = new Actors(kernel).start("reader", () -> {
            sem.downRead();
            held.countDown();
            MutexTest.awaitLatch(tried);
            assertTrue(sem.isLocked(), "the reader's lock was taken from it");
            assertFalse(sem.downWriteTrylock(), "a writer got in beside a reader");
            sem.upRead();
        });
        MutexTest.awaitLatch(held);
        Actors intruder = new Actors(kernel).start("intruder", () -> {
            try {
                sem.upRead();
            } finally {
                tried.countDown();
            }
        });
        intruder.join(10);
        reader.join(10);
        assertEquals(1, intruder.bugs().size());
        assertTrue(intruder.bugs().get(0) instanceof LockingBug);
        assertTrue(reader.bugs().isEmpty(), reader.bugs().toString());
        assertFalse(sem.isLocked());
        assertEquals(1, kernel.failures().size(), kernel.reports().toString());
    }
}
