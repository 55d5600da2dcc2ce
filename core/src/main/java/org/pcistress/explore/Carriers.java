package org.pcistress.explore;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.pcistress.kernel.locking.Task;

/**
 * Daemon threads reused across executions: starting a thread costs more than a whole small
 * execution, and a search runs thousands. A carrier runs one task's body at a time, then waits
 * (at most {@link #IDLE_MILLIS}) for the next; an idle carrier that waited that long ends. Each
 * idle carrier waits on its own monitor, so starting a body wakes only the carrier it goes to.
 */
final class Carriers {
    static final long IDLE_MILLIS = 5_000;
    private static final ArrayDeque<Carrier> IDLE = new ArrayDeque<>();
    private static int busy;

    private Carriers() {
    }

    /** A body running on a carrier. */
    static final class Job {
        private final Runnable body;
        private Carrier carrier;
        private boolean done;

        Job(Runnable body) {
            this.body = body;
        }

        /** Waits until the body has returned, until {@code deadline} ({@link System#nanoTime()}). */
        synchronized boolean awaitDone(long deadline) {
            while (!done) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        synchronized boolean isDone() {
            return done;
        }

        synchronized void finish() {
            done = true;
            notifyAll();
        }

        /** Interrupts the carrier and retires it: it waits outside the scheduler. */
        void interrupt() {
            Carrier c;
            synchronized (this) {
                c = carrier;
            }
            if (c != null) {
                c.retired = true;
                c.interrupt();
            }
        }
    }

    private static final class Carrier extends Thread {
        /** What an idle carrier waits on (not the Thread's own monitor, which join uses). */
        private final Object bell = new Object();
        /** The job handed to it and not yet taken. Guarded by {@link #bell}. */
        private Job job;
        volatile boolean retired;

        Carrier() {
            super("pcistress-explore-carrier");
            setDaemon(true);
        }

        @Override
        public void run() {
            Job j;
            while ((j = next()) != null) {
                try {
                    j.body.run();
                } finally {
                    setName("pcistress-explore-carrier");
                    Thread.interrupted();
                    if (Task.currentOrNull() != null) {
                        retired = true; // unwound before Kernel.call could unbind its task: not reusable
                    }
                    synchronized (Carriers.class) {
                        busy--;
                        if (!retired) {
                            IDLE.push(this);
                        }
                    }
                    j.finish();
                }
                if (retired) {
                    return;
                }
            }
        }

        /** Waits on its own {@link #bell} until {@link #start} hands it a job; {@code null} when it ends. */
        private Job next() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_MILLIS);
            synchronized (bell) {
                while (job == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(bell, left);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            }
            synchronized (Carriers.class) {
                synchronized (bell) {
                    if (job == null) {
                        IDLE.remove(this); // start() can no longer choose it: it ends
                        return null;
                    }
                    Job j = job;
                    job = null;
                    return j;
                }
            }
        }
    }

    /** Runs {@code body} on an idle carrier (or a new one), under the thread name {@code name}. */
    static Job start(String name, Runnable body) {
        Job j = new Job(body);
        Carrier c;
        boolean fresh = false;
        synchronized (Carriers.class) {
            c = IDLE.poll();
            if (c == null) {
                c = new Carrier();
                fresh = true;
            }
            busy++;
            c.setName(name);
            synchronized (j) {
                j.carrier = c;
            }
            synchronized (c.bell) {
                c.job = j;
                c.bell.notify();
            }
        }
        if (fresh) {
            c.start();
        }
        return j;
    }

    /** Carriers running a body right now. */
    static synchronized int busy() {
        return busy;
    }
}
