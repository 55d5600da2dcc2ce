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

    /** The task holding the baton, or {@code null}. Monitor held. */
    TaskSlot running;
    boolean aborted;
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
        long deadline = System.nanoTime() + 2 * stallNanos;
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
