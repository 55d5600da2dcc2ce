package org.pcistress.kernel.locking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * {@code struct rw_semaphore}: many readers or one writer.
 *
 * <p>Wake-up policy, following v4.14's {@code kernel/locking/rwsem-xadd.c}:
 * <ul>
 *   <li>Waiters queue in FIFO order. While anyone waits, a new {@code down_read} does not take the
 *       lock past them: it queues behind a waiting writer (the waiting bias makes the read fast
 *       path fail, v4.14). No barging.</li>
 *   <li>A release that leaves the lock free grants the head of the queue: a writer alone, or the
 *       batch of readers at the head up to the first writer.</li>
 *   <li>{@code down_read} is not recursive (Documentation/locking/lockdep-design.rst calls it a
 *       non-recursive read lock). A task that holds it for read and calls {@code down_read} again
 *       while a writer is queued sleeps behind that writer, which waits for the task: a deadlock,
 *       reproduced here, not papered over. Without a queued writer the second read succeeds (and
 *       lockdep still reports it as possible recursive locking).</li>
 * </ul>
 * Not modelled: v5.3+'s lock stealing by a reader in the slow path before a waiter sets HANDOFF
 * (about 4 ms, {@code RWSEM_WAIT_TIMEOUT}), and v6.x's wake-up of up to 256 readers from anywhere
 * in the queue. Both only decide who wins a race; the cycle of a recursive read against a queued
 * writer is the same once HANDOFF is set, which is the case lockdep (and 1e560864159d) reports.
 *
 * <p>State: one word: {@code readers << 32 | writer task id << 1 | WAITERS}.
 */
public final class RwSemaphore extends KernelLock {
    static final long WAITERS = 1L;
    static final long WRITER_MASK = 0xFFFF_FFFEL;
    static final long READER = 1L << 32;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RwSemaphore.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile long state;
    private final RwsemWaitQueue queue = new RwsemWaitQueue();

    public RwSemaphore(Kernel kernel, LockClass lockClass, String name) {
        super(kernel, lockClass, name);
    }

    public RwSemaphore(Kernel kernel, String name) {
        this(kernel, LockClass.of(name), name);
    }

    /** {@code down_read()}. */
    public void downRead() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.READ_LOCK, this);
        kernel.locks().validate(self, this, true);
        if (!tryReadFast()) {
            readSlow(self);
        }
        kernel.locks().acquired(self, this, true, false);
    }

    /** {@code down_read_trylock()}. */
    public boolean downReadTrylock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.TRYLOCK, this);
        if (tryReadFast()) {
            kernel.locks().acquired(self, this, true, true);
            return true;
        }
        return false;
    }

    /** {@code up_read()}. */
    public void upRead() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.READ_UNLOCK, this);
        // The count cannot tell whose read lock it drops, so check the held stack first: an
        // up_read by a task that holds none must not take another reader's lock away.
        kernel.locks().released(self, this, true);
        for (;;) {
            long s = state;
            if ((s & WAITERS) != 0 || (s >>> 32) == 0) {
                upReadSlow(self);
                break;
            }
            if (STATE.compareAndSet(this, s, s - READER)) {
                break;
            }
        }
    }

    /** {@code down_write()}. */
    public void downWrite() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.LOCK, this);
        kernel.locks().validate(self, this, false);
        if (!STATE.compareAndSet(this, 0L, writer(self))) {
            writeSlow(self);
        }
        kernel.locks().acquired(self, this, false, false);
    }

    /** {@code down_write_trylock()}. */
    public boolean downWriteTrylock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.TRYLOCK, this);
        if (STATE.compareAndSet(this, 0L, writer(self))) {
            kernel.locks().acquired(self, this, false, true);
            return true;
        }
        return false;
    }

    /** {@code up_write()}. */
    public void upWrite() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.UNLOCK, this);
        if (!STATE.compareAndSet(this, writer(self), 0L)) {
            upWriteSlow(self);
        }
        kernel.locks().released(self, this, false);
    }

    /** {@code rwsem_is_contended()}: does anyone wait for it? */
    public boolean isContended() {
        sched.footprint(this, null, false); // reads the lock's state without a scheduling point
        sched.footprint(this, Scheduler.PEEK, false);
        return (state & WAITERS) != 0;
    }

    /** {@code rwsem_is_locked()}. */
    public boolean isLocked() {
        sched.footprint(this, null, false); // reads the lock's state without a scheduling point
        sched.footprint(this, Scheduler.PEEK, false);
        return (state & ~WAITERS) != 0;
    }

    static long writer(Task t) {
        return ((long) t.id()) << 1;
    }

    private boolean tryReadFast() {
        for (;;) {
            long s = state;
            if ((s & (WAITERS | WRITER_MASK)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s + READER)) {
                return true;
            }
        }
    }

    private void readSlow(Task self) {
        sched.lock();
        try {
            for (;;) {
                long s = state;
                if ((s & WRITER_MASK) == writer(self)) {
                    throw kernel.waits().selfDeadlock(self, this, true);
                }
                if (queue.isEmpty() && (s & WRITER_MASK) == 0) {
                    if (STATE.compareAndSet(this, s, s + READER)) {
                        return;
                    }
                } else if ((s & WAITERS) != 0 || STATE.compareAndSet(this, s, s | WAITERS)) {
                    break;
                }
            }
            queue.add(self, false);
            kernel.waits().await(self, this, true);
        } finally {
            sched.unlock();
        }
    }

    private void writeSlow(Task self) {
        sched.lock();
        try {
            for (;;) {
                long s = state;
                if ((s & WRITER_MASK) == writer(self)) {
                    throw kernel.waits().selfDeadlock(self, this, false);
                }
                if (s == 0L) {
                    if (STATE.compareAndSet(this, 0L, writer(self))) {
                        return;
                    }
                } else if ((s & WAITERS) != 0 || STATE.compareAndSet(this, s, s | WAITERS)) {
                    break;
                }
            }
            queue.add(self, true);
            kernel.waits().await(self, this, false);
        } finally {
            sched.unlock();
        }
    }

    private void upReadSlow(Task self) {
        sched.lock();
        try {
            // WAITERS may have cleared since the fast path saw it (the last waiter timed out or was
            // cancelled): then lock-free readers run again, so the word changes only by CAS.
            for (;;) {
                long s = state;
                if ((s >>> 32) == 0) {
                    throw new LockingBug(kernel.lockingBug(self, "DEBUG_RWSEMS_WARN_ON: up_read of " + name()
                            + " by " + self + " with no readers"));
                }
                if (STATE.compareAndSet(this, s, s - READER)) {
                    break;
                }
            }
            grantWaiters();
        } finally {
            sched.unlock();
        }
    }

    private void upWriteSlow(Task self) {
        sched.lock();
        try {
            long s = state;
            if ((s & WRITER_MASK) != writer(self)) {
                Task owner = kernel.task((int) ((s & WRITER_MASK) >>> 1));
                throw new LockingBug(kernel.lockingBug(self, "DEBUG_RWSEMS_WARN_ON(sem->owner != current): "
                        + self + " up_write on " + name() + " owned by "
                        + (owner == null ? "nobody" : owner.toString())));
            }
            // Only this writer changes the word while it holds it, WAITERS set or not.
            STATE.setVolatile(this, s & ~WRITER_MASK);
            grantWaiters();
        } finally {
            sched.unlock();
        }
    }

    /** Grants the head of the queue what it can now have. Monitor held. */
    private void grantWaiters() {
        if (queue.isEmpty()) {
            // No waiter, so WAITERS may already be clear and the lock-free paths may be changing
            // the word right now: only clear the bit, by CAS, never write back a stale word.
            for (;;) {
                long s = state;
                if ((s & WAITERS) == 0 || STATE.compareAndSet(this, s, s & ~WAITERS)) {
                    return;
                }
            }
        }
        // Someone is queued, so WAITERS is set and every lock-free path fails: the word is ours.
        STATE.setVolatile(this, queue.grantHead(state, kernel.waits()));
    }

    /**
     * FIFO makes the wait a chain and the edges follow it ({@link RwsemWaitQueue#ahead}); only a
     * waiter nobody is ahead of waits for the holders. A cycle through any task of the chain is
     * still found, and a wait costs O(queue) instead of O(queue²) edges.
     */
    @Override
    public void blockers(Task waiter, List<Edge> out) {
        RwsemWaitQueue.Waiter ahead = queue.ahead(waiter);
        if (ahead != null) {
            out.add(new Edge(ahead.task(), "queued ahead: " + (ahead.write() ? "lock(" : "rlock(") + name() + ")"));
            return;
        }
        long s = state;
        Task owner = kernel.task((int) ((s & WRITER_MASK) >>> 1));
        if (owner != null && owner != waiter) {
            out.add(new Edge(owner, "lock(" + name() + ")"));
        }
        if (queue.writes(waiter) && (s >>> 32) != 0) {
            // Only sleeping readers can be on a cycle; running ones are left out (see Waitable).
            for (Task t : kernel.liveTasks()) {
                if (t.isBlocked() && t.holdsRead(this)) {
                    out.add(new Edge(t, "rlock(" + name() + ")"));
                }
            }
        }
    }

    @Override
    public void cancel(Task waiter) {
        queue.remove(waiter);
        grantWaiters();
    }

    @Override
    void releaseOnUnwind(Task t, boolean read) {
        if (read) {
            upRead();
        } else {
            upWrite();
        }
    }
}
