package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Real threads for tests, each running its body as a task of one kernel, always joined with a bound. */
final class Actors {
    private final Kernel kernel;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> escaped = new ArrayList<>();
    private final List<KernelBug> bugs = new ArrayList<>();

    Actors(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Starts {@code body} as task {@code name} on a new thread. */
    Actors start(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                KernelBug bug = kernel.runCatching(name, body);
                if (bug != null) {
                    synchronized (bugs) {
                        bugs.add(bug);
                    }
                }
            } catch (Throwable e) {
                synchronized (escaped) {
                    escaped.add(e);
                }
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return this;
    }

    /** Joins every actor within {@code seconds}; fails if one is still alive or threw something else. */
    void join(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                throw new AssertionError("actor " + t.getName() + " still running after " + seconds + " s");
            }
        }
        if (!escaped.isEmpty()) {
            throw new AssertionError("an actor threw", escaped.get(0));
        }
    }

    List<KernelBug> bugs() {
        synchronized (bugs) {
            return List.copyOf(bugs);
        }
    }

    /** How many tasks sleep, ungranted, on {@code w}: read under the scheduler's monitor. */
    static int sleepingOn(KernelLock w) {
        Scheduler s = w.kernel().scheduler();
        s.lock();
        try {
            int n = 0;
            for (Task t : w.kernel().tasks()) {
                if (t.isBlocked() && t.waitingOn == w) {
                    n++;
                }
            }
            return n;
        } finally {
            s.unlock();
        }
    }

    /** Spins (bounded, no sleeping) until {@code condition} holds. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }
}
