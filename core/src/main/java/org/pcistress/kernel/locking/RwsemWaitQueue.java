package org.pcistress.kernel.locking;

import static org.pcistress.kernel.locking.RwSemaphore.READER;
import static org.pcistress.kernel.locking.RwSemaphore.WRITER_MASK;

import java.util.ArrayDeque;

/**
 * The FIFO wait list of one {@link RwSemaphore} ({@code sem->wait_list}) and what follows from its
 * order: whom the head's grant goes to, and whom a waiter waits for. Used with the semaphore's
 * monitor held.
 */
final class RwsemWaitQueue {
    /** One sleeping {@code down_read} or {@code down_write}. */
    record Waiter(Task task, boolean write) {
    }

    private final ArrayDeque<Waiter> queue = new ArrayDeque<>(2);

    void add(Task task, boolean write) {
        queue.addLast(new Waiter(task, write));
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void remove(Task task) {
        queue.removeIf(w -> w.task == task);
    }

    /**
     * Grants the head what the lock word {@code s} now allows: a writer alone once no reader holds
     * it, or the batch of readers up to the first writer; returns the new word, WAITERS set while
     * anyone is still queued.
     */
    long grantHead(long s, Waits waits) {
        Waiter head = queue.peekFirst();
        if (head != null && (s & WRITER_MASK) == 0) {
            if (head.write) {
                if ((s >>> 32) == 0) {
                    queue.pollFirst();
                    s = (s & ~WRITER_MASK) | RwSemaphore.writer(head.task);
                    waits.grant(head.task);
                }
            } else {
                while (!queue.isEmpty() && !queue.peekFirst().write) {
                    s += READER;
                    waits.grant(queue.pollFirst().task);
                }
            }
        }
        return queue.isEmpty() ? s & ~RwSemaphore.WAITERS : s | RwSemaphore.WAITERS;
    }

    /** Does {@code waiter} wait to write? */
    boolean writes(Task waiter) {
        for (Waiter w : queue) {
            if (w.task == waiter) {
                return w.write;
            }
        }
        return false;
    }

    /**
     * The waiter {@code waiter} follows in the chain, or {@code null} when it waits for the
     * holders: a queued writer waits for the task just ahead of it, a queued reader for the nearest
     * writer ahead (the readers between them are granted with it).
     */
    Waiter ahead(Task waiter) {
        Waiter predecessor = null;
        Waiter lastWriter = null;
        for (Waiter w : queue) {
            if (w.task == waiter) {
                return w.write ? predecessor : lastWriter;
            }
            predecessor = w;
            if (w.write) {
                lastWriter = w;
            }
        }
        return lastWriter;
    }
}
