package org.pcistress.kernel.locking;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * Real threads ({@link RealScheduler}) plus two test scripts, so tests can order what real
 * threads cannot be made to do on cue:
 * <ul>
 *   <li>{@link #expire}: the task's current wait times out now (as if its hung-task bound had run
 *       out), without any real time passing.</li>
 *   <li>{@link #holdAtMonitor}: the next time a matching task takes the monitor (enters a slow
 *       path), it stops just before it, until the returned {@link Gate} is opened.</li>
 * </ul>
 */
final class ScriptedScheduler implements Scheduler {
    private final RealScheduler real = new RealScheduler();
    private final ConcurrentHashMap<Task, Boolean> expired = new ConcurrentHashMap<>();
    private volatile Predicate<Task> holdWho;
    private volatile Gate gate;

    /** A task stopped before the monitor: {@link #arrived} awaits it, {@link #open} lets it go. */
    static final class Gate {
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        void arrived() {
            MutexTest.awaitLatch(arrived);
        }

        void open() {
            open.countDown();
        }
    }

    /** Times {@code t}'s current (or next) wait out, as if its bound had passed. */
    void expire(Task t) {
        expired.put(t, Boolean.TRUE);
        real.lock();
        try {
            real.wake(t);
        } finally {
            real.unlock();
        }
    }

    /** Stops the next task matching {@code who} just before it takes the monitor. */
    Gate holdAtMonitor(Predicate<Task> who) {
        Gate g = new Gate();
        gate = g;
        holdWho = who;
        return g;
    }

    @Override
    public void point(Task self, Op op, Object target) {
        real.point(self, op, target);
    }

    @Override
    public void lock() {
        Predicate<Task> who = holdWho;
        Task self = Task.currentOrNull();
        if (who != null && self != null && who.test(self)) {
            holdWho = null;
            Gate g = gate;
            g.arrived.countDown();
            MutexTest.awaitLatch(g.open);
        }
        real.lock();
    }

    @Override
    public void unlock() {
        real.unlock();
    }

    @Override
    public long block(Task self, long nanos) {
        if (expired.remove(self) != null) {
            return 0;
        }
        long left = real.block(self, nanos);
        return expired.remove(self) != null ? 0 : left;
    }

    @Override
    public void wake(Task task) {
        real.wake(task);
    }

    @Override
    public void attached(Task task) {
        real.attached(task);
    }

    @Override
    public void start(Task task, Runnable body) {
        real.start(task, body);
    }

    @Override
    public void exited(Task task) {
        real.exited(task);
    }
}
