package org.pcistress.model;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pcistress.kernel.locking.RealScheduler;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.pci.Access;

/**
 * Real threads, plus gates that order one interleaving: a task pauses at a scheduling point until
 * another task reaches a given point, or blocks in the kernel, or exits. No sleeps: a gate waits
 * on a latch that the other task's progress opens; the bound only turns a broken script into a
 * failed assertion ({@link Gate#timedOut()}) instead of a hang.
 */
final class ScriptedScheduler implements Scheduler {
    private static final long BOUND_SECONDS = 10;

    private final RealScheduler real = new RealScheduler();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private final Set<Task> blocked = ConcurrentHashMap.newKeySet();
    private final Set<String> exited = ConcurrentHashMap.newKeySet();

    /**
     * A point: a task (a name prefix, or the function a kworker runs: {@code aer_isr} matches
     * {@code kworker/u:3+aer_isr}), an op and the target's printed name (a lock name, an Access).
     */
    record Spot(String task, Op op, String target) {
        boolean matches(Task t, Op o, Object tgt) {
            return named(t.name(), task) && o == op && String.valueOf(tgt).equals(target);
        }
    }

    /** Is the task called {@code name} the one {@code who} names (a prefix or a kworker's function)? */
    static boolean named(String name, String who) {
        return name.startsWith(who) || name.endsWith("+" + who);
    }

    /** Pauses the first task matching {@code at} there, once, until {@code until} is reached. */
    final class Gate {
        private final Spot at;
        private final Spot until;
        private final CountDownLatch open = new CountDownLatch(1);
        private volatile boolean used;
        private volatile boolean paused;
        private volatile boolean timedOut;

        Gate(Spot at, Spot until) {
            this.at = at;
            this.until = until;
        }

        /** Did a task actually stop at this gate? */
        boolean used() {
            return used;
        }

        boolean timedOut() {
            return timedOut;
        }

        private boolean other(Task t) {
            return named(t.name(), until.task());
        }

        private void maybePause(Task self, Op op, Object target) {
            if (used || !at.matches(self, op, target)) {
                return;
            }
            synchronized (this) {
                if (used) {
                    return;
                }
                used = true;
            }
            paused = true;
            if (exited.stream().anyMatch(n -> named(n, until.task())) || blocked.stream().anyMatch(this::other)) {
                open.countDown();
            }
            try {
                timedOut = !open.await(BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                paused = false;
            }
        }
    }

    /** {@code who} pauses at ({@code op}, {@code target}) until {@code other} reaches ({@code op2}, {@code target2}). */
    Gate pause(String who, Op op, String target, String other, Op op2, String target2) {
        Gate g = new Gate(new Spot(who, op, target), new Spot(other, op2, target2));
        gates.add(g);
        return g;
    }

    @Override
    public void point(Task self, Op op, Object target) {
        for (Gate g : gates) {
            if (g.until.matches(self, op, target)) {
                g.open.countDown();
            }
        }
        for (Gate g : gates) {
            g.maybePause(self, op, target);
        }
        real.point(self, op, target);
    }

    @Override
    public void lock() {
        real.lock();
    }

    @Override
    public void unlock() {
        real.unlock();
    }

    @Override
    public long block(Task self, long nanos) {
        blocked.add(self);
        for (Gate g : gates) {
            if (g.paused && g.other(self)) {
                g.open.countDown();
            }
        }
        try {
            return real.block(self, nanos);
        } finally {
            blocked.remove(self);
        }
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
        exited.add(task.name());
        for (Gate g : gates) {
            if (g.other(task)) {
                g.open.countDown();
            }
        }
        real.exited(task);
    }
}
