package org.pcistress.kernel.locking;

import java.util.List;

/**
 * Something a task can sleep on: a lock, a completion, the config-access flag. It tells the
 * wait-for detector who the sleeper waits for. All methods run under the scheduler's monitor.
 */
interface Waitable {

    /** One wait-for edge: {@code blocker} must act before the waiter can go, because of {@code what}. */
    record Edge(Task blocker, String what) {
    }

    /**
     * Adds the tasks {@code waiter} waits for: holders of the lock, writers queued ahead of it, the
     * task that is to complete a completion. Tasks that are not asleep may be left out: they cannot
     * be part of a cycle.
     */
    void blockers(Task waiter, List<Edge> out);

    /** Takes {@code waiter} out of the queue after a timeout or a detected deadlock. */
    void cancel(Task waiter);

    /** How a waiter's attempt is printed: {@code lock(X)}, {@code rlock(X)}, {@code wait_for_completion(X)}. */
    String describeWait(boolean read);
}
