package org.pcistress.explore;

import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.pcistress.kernel.locking.Task;

/**
 * Who may run, and the waits around it: one monitor, one condition per task ({@link TaskSlot#turn})
 * and one for the explorer's own thread ({@code idle}). Ending an execution early wakes every
 * waiter, and each throws {@link ExecutionAborted}. Every wait here is bounded by the stall bound.
 */
final class Baton {
    final ReentrantLock monitor = new ReentrantLock();
    private final Condition idle = monitor.newCondition();
    private final List<TaskSlot> slots;
    private final long stallNanos;

    /** Spin at most this long before parking: a few of the model's steps. */
    static final long SPIN_NANOS = Long.getLong("pcistress.spinNanos", 20_000L);

    /** The task holding the baton, or {@code null}. Written with the monitor held; spinners read it without. */
    volatile TaskSlot running;
    /** Written with the monitor held; spinners read it without. */
    volatile boolean aborted;
    /**
     * The one task of this execution spinning for its turn, or {@code null}; it holds a place of
     * {@link SpareCores} for the execution. Written with the monitor held: a newer spinner replaces
     * (and so stops) an older one.
     */
    private volatile TaskSlot spinner;
    Finding abortFinding;
    /** The execution was ended because the search covered it already: not a failure. */
    boolean covered;

    Baton(List<TaskSlot> slots, long stallNanos) {
        this.slots = slots;
        this.stallNanos = stallNanos;
    }

    long stallNanos() {
        return stallNanos;
    }

    void handTo(TaskSlot next) {
        running = next;
        next.turn.signal();
    }

    void signalIdle() {
        idle.signalAll();
    }

    /** Sleeps until {@code s} holds the baton. Monitor held. */
    void awaitTurn(TaskSlot s) {
        awaitTurn(s, false);
    }

    /**
     * Waits until {@code s} holds the baton; a task that just handed it on ({@code spin}) first
     * spins a little (see {@link #spin}), as the baton often comes straight back. Monitor held.
     */
    void awaitTurn(TaskSlot s, boolean spin) {
        long deadline = System.nanoTime() + 2 * stallNanos;
        if (spin && running != s && !aborted) {
            spin(s);
        }
        while (running != s) {
            throwIfAborted();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                abort(stalled(s.task + " waited for its turn longer than the stall bound"));
                throw new ExecutionAborted(abortText());
            }
            try {
                s.turn.awaitNanos(left);
            } catch (InterruptedException e) {
                abort(stalled(s.task + " was interrupted"));
                throw new ExecutionAborted(abortText());
            }
        }
        throwIfAborted();
    }

    /**
     * Spins up to {@link #SPIN_NANOS} with the monitor released, until {@code s} holds the baton,
     * the execution ended or a newer spinner replaced it; then the caller parks as before (it
     * re-checks {@link #running} under the monitor first, so a hand-over made while it spun is not
     * lost). Handing the baton to a spinner costs no wake-up of a parked thread. Only when a core is
     * spare ({@link SpareCores}) and at most one task per execution: more would take the core of the
     * task that runs. Monitor held on entry and on return.
     */
    private void spin(TaskSlot s) {
        if (spinner == null && !SpareCores.tryAcquire()) {
            return;
        }
        spinner = s; // replaces an older spinner, whose place it takes over
        int holds = monitor.getHoldCount();
        for (int i = 0; i < holds; i++) {
            monitor.unlock();
        }
        try {
            long end = System.nanoTime() + SPIN_NANOS;
            while (running != s && !aborted && spinner == s && System.nanoTime() - end < 0) {
                Thread.onSpinWait();
            }
        } finally {
            for (int i = 0; i < holds; i++) {
                monitor.lock();
            }
            if (spinner == s) {
                spinner = null;
                SpareCores.release();
            }
        }
    }

    /** The explorer's thread waits until {@code done} or the execution ended; a stall ends it. Monitor held. */
    void awaitIdle(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + stallNanos;
        while (!aborted && !done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                abort(stalled("the " + what + " did not finish within " + stallNanos / 1_000_000
                        + " ms: a task waits outside the scheduler"));
                break;
            }
            awaitQuietly(idle, left);
        }
    }

    /** Setup and check run one task after another: waits until nobody holds the baton. Monitor held. */
    void awaitNobodyRunning(Task t) {
        long deadline = System.nanoTime() + stallNanos;
        while (running != null) {
            throwIfAborted();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                abort(stalled(t + " could not start: " + running.task + " kept running"));
                throw new ExecutionAborted(abortText());
            }
            awaitQuietly(idle, left);
        }
    }

    /** Ends the execution: every sleeping thread wakes and throws {@link ExecutionAborted}. Monitor held. */
    void abort(Finding why) {
        if (aborted) {
            return;
        }
        aborted = true;
        abortFinding = why;
        for (TaskSlot s : slots) {
            s.turn.signal();
        }
        idle.signalAll();
    }

    void throwIfAborted() {
        if (aborted) {
            throw new ExecutionAborted(abortText());
        }
    }

    String abortText() {
        return abortFinding == null ? "execution ended" : abortFinding.title();
    }

    static Finding stalled(String why) {
        return new Finding("STALLED", "STALLED: " + why,
                "The explorer stopped the execution: " + why + ".\nEvery wait of the model must go through"
                        + " its Scheduler; a wait the explorer cannot see would hang it.\n");
    }

    private static void awaitQuietly(Condition c, long nanos) {
        try {
            c.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
