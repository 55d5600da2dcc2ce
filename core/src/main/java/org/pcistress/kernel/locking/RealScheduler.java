package org.pcistress.kernel.locking;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Real threads at full speed: the monitor is a {@link ReentrantLock}, each task sleeps on a
 * {@link Condition} of its own, and a scheduling point costs nothing.
 */
public final class RealScheduler implements Scheduler {
    private final ReentrantLock monitor = new ReentrantLock();

    @Override
    public void point(Task self, Op op, Object target) {
        // Real threads interleave by themselves.
    }

    @Override
    public void lock() {
        monitor.lock();
    }

    @Override
    public void unlock() {
        monitor.unlock();
    }

    /**
     * An interrupt ends the sleep as if the bound had run out (the interrupt stays pending): the
     * caller's loop then either finds the wait granted (a grant can race the interrupt) and
     * returns with the lock, or reports the hung task and takes itself off the queue. Throwing
     * from here would skip both.
     */
    @Override
    public long block(Task self, long nanos) {
        try {
            return condition(self).awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public void wake(Task task) {
        condition(task).signal();
    }

    @Override
    public void attached(Task task) {
        task.schedulerData = monitor.newCondition();
    }

    /**
     * Spawned tasks run on a shared pool of daemon threads, as work items run on the kernel's
     * kworker pool: queueing one costs a hand-off, not a thread start, so a benchmark of deferred
     * work measures the model, not {@code Thread.start}. Idle threads retire after a minute.
     */
    private static final ExecutorService KWORKERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pcistress-kworker");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void start(Task task, Runnable body) {
        task.schedulerData = monitor.newCondition();
        KWORKERS.execute(() -> {
            Thread me = Thread.currentThread();
            String idle = me.getName();
            me.setName(task.name());
            task.thread = me;
            try {
                body.run();
            } finally {
                task.thread = null;
                Thread.interrupted(); // an interrupt meant for this task must not reach the next
                me.setName(idle);
            }
        });
    }

    @Override
    public void exited(Task task) {
        // nothing to release
    }

    private static Condition condition(Task t) {
        return (Condition) t.schedulerData;
    }

    /** Convenience for tests: the default bound as a duration. */
    public static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
