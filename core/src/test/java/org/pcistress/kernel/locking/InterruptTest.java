package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.ReportKind;

/**
 * A thread interrupted while its task sleeps in a wait (JUnit's @Timeout, a harness shutting
 * down): the wait ends as a hung task, and the lock's queue must not keep the task that left.
 */
@Timeout(30)
class InterruptTest {

    private final Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));

    /** An interrupted waiter leaves the queue: the next unlock frees the mutex, not hands it to a ghost. */
    @Test
    void anInterruptedWaiterLeavesTheMutexQueue() throws Exception {
        Mutex m = new Mutex(kernel, "m");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        Actors holder = new Actors(kernel).start("holder", () -> {
            m.lock();
            held.countDown();
            MutexTest.awaitLatch(release);
            m.unlock();
        });
        MutexTest.awaitLatch(held);
        Actors waiter = new Actors(kernel).start("waiter", () -> {
            waiterThread.set(Thread.currentThread());
            m.lock();
            m.unlock();
        });
        Actors.await(() -> Actors.sleepingOn(m) == 1, "the waiter sleeps");
        waiterThread.get().interrupt();
        waiter.join(10);
        assertEquals(1, waiter.bugs().size());
        assertTrue(waiter.bugs().get(0) instanceof HungTaskDetected, waiter.bugs().toString());
        release.countDown();
        holder.join(10);
        assertFalse(m.isLocked(), "the mutex was handed to the task that had left its queue");
        assertTrue(kernel.call("after", () -> {
            boolean got = m.trylock();
            if (got) {
                m.unlock();
            }
            return got;
        }));
    }

    /**
     * The interrupt arrives before the grant, but the grant is made before the sleeper gets the
     * monitor back: the sleeper owns the lock, so its lock() must return normally (the interrupt
     * stays pending), not throw with the lock owned and on no held stack.
     */
    @Test
    void anInterruptRacingAGrantStillCompletesTheAcquisition() throws Exception {
        ReentrantLock monitor = monitorOf((RealScheduler) kernel.scheduler());
        Mutex m = new Mutex(kernel, "m");
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> holderThread = new AtomicReference<>();
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        Actors holder = new Actors(kernel).start("holder", () -> {
            holderThread.set(Thread.currentThread());
            m.lock();
            held.countDown();
            MutexTest.awaitLatch(release);
            m.unlock(); // WAITERS set: the slow path, which queues on the monitor first
        });
        MutexTest.awaitLatch(held);
        Actors waiter = new Actors(kernel).start("waiter", () -> {
            waiterThread.set(Thread.currentThread());
            m.lock();
            m.unlock();
        });
        Actors.await(() -> Actors.sleepingOn(m) == 1, "the waiter sleeps");
        monitor.lock();
        try {
            release.countDown();
            Actors.await(() -> monitor.hasQueuedThread(holderThread.get()), "the unlocker queues on the monitor");
            waiterThread.get().interrupt();
            Actors.await(() -> monitor.hasQueuedThread(waiterThread.get()), "the interrupted sleeper queues behind it");
        } finally {
            monitor.unlock(); // the unlocker grants first, then the sleeper sees its interrupt
        }
        holder.join(10);
        waiter.join(10);
        assertTrue(waiter.bugs().isEmpty(), waiter.bugs().toString());
        assertFalse(m.isLocked(), "the granted mutex was leaked by a task that threw while owning it");
        assertFalse(kernel.hasReport(ReportKind.HUNG_TASK), kernel.reports().toString());
    }

    static ReentrantLock monitorOf(RealScheduler s) throws ReflectiveOperationException {
        var f = RealScheduler.class.getDeclaredField("monitor");
        f.setAccessible(true);
        return (ReentrantLock) f.get(s);
    }
}
