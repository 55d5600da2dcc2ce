package org.pcistress.kernel.locking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.List;

/**
 * {@code struct mutex} (kernel/locking/mutex.c; Documentation/locking/mutex-design.rst, v6.19):
 * one owner, only the owner unlocks, no recursion.
 *
 * <ul>
 *   <li>Locking a mutex the calling task already holds is an immediate self-deadlock
 *       ({@link DeadlockDetected} with a one-task cycle), whatever the detector setting.</li>
 *   <li>An unlock by any task but the owner is a {@link LockingBug}, never silently accepted.</li>
 *   <li>Waiters queue in FIFO order and an unlock hands the mutex to the first of them, as the
 *       kernel does once {@code MUTEX_FLAG_HANDOFF} is set. Optimistic spinners that may barge
 *       before that are not modelled: they change who wins, never whether a cycle exists.</li>
 *   <li>{@link #isLocked()} is {@code mutex_is_locked()}. There is deliberately no "do I own it"
 *       query: the kernel exports none ({@code mutex_get_owner()} is not exported), and the
 *       seeds' problem is exactly that a caller cannot ask.</li>
 * </ul>
 *
 * <p>State: {@code owner task id << 1 | WAITERS}, one word, so the uncontended path is one CAS
 * to lock and one to unlock; everything else runs under the scheduler's monitor.
 */
public final class Mutex extends KernelLock {
    private static final int WAITERS = 1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Mutex.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private final ArrayDeque<Task> waiters = new ArrayDeque<>(2);

    public Mutex(Kernel kernel, LockClass lockClass, String name) {
        super(kernel, lockClass, name);
    }

    /** A mutex whose lockdep class is its own name. */
    public Mutex(Kernel kernel, String name) {
        this(kernel, LockClass.of(name), name);
    }

    /** {@code mutex_lock()}. */
    public void lock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.LOCK, this);
        kernel.locks().validate(self, this, false);
        if (!STATE.compareAndSet(this, 0, self.id() << 1)) {
            lockSlow(self);
        }
        kernel.locks().acquired(self, this, false, false);
    }

    /** {@code mutex_trylock()}: 1 on success, 0 if anyone (the caller included) holds it. */
    public boolean trylock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.TRYLOCK, this);
        if (STATE.compareAndSet(this, 0, self.id() << 1)) {
            kernel.locks().acquired(self, this, false, true);
            return true;
        }
        return false;
    }

    /** {@code mutex_unlock()}. */
    public void unlock() {
        Task self = Task.current();
        sched.point(self, Scheduler.Op.UNLOCK, this);
        if (!STATE.compareAndSet(this, self.id() << 1, 0)) {
            unlockSlow(self);
        }
        kernel.locks().released(self, this, false);
    }

    /** {@code mutex_is_locked()}: held by someone, possibly the caller; it cannot tell which. */
    public boolean isLocked() {
        sched.footprint(this, null, false); // reads the lock's state without a scheduling point
        sched.footprint(this, Scheduler.PEEK, false);
        return (state >>> 1) != 0;
    }

    private void lockSlow(Task self) {
        sched.lock();
        try {
            for (;;) {
                int s = state;
                if (s >>> 1 == self.id()) {
                    throw kernel.waits().selfDeadlock(self, this, false);
                }
                if (s == 0) {
                    if (STATE.compareAndSet(this, 0, self.id() << 1)) {
                        return;
                    }
                } else if ((s & WAITERS) != 0 || STATE.compareAndSet(this, s, s | WAITERS)) {
                    break;
                }
            }
            waiters.addLast(self);
            kernel.waits().await(self, this, false); // a granter made us the owner
        } finally {
            sched.unlock();
        }
    }

    private void unlockSlow(Task self) {
        sched.lock();
        try {
            int s = state;
            if (s >>> 1 != self.id()) {
                Task owner = kernel.task(s >>> 1);
                throw new LockingBug(kernel.lockingBug(self, "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current): "
                        + self + " unlocks mutex " + name() + " owned by "
                        + (owner == null ? "nobody" : owner.toString())));
            }
            handOff();
        } finally {
            sched.unlock();
        }
    }

    /** Gives the mutex to the first waiter, or frees it. Monitor held. */
    private void handOff() {
        Task next = waiters.pollFirst();
        if (next == null) {
            state = 0;
        } else {
            state = (next.id() << 1) | (waiters.isEmpty() ? 0 : WAITERS);
            kernel.waits().grant(next);
        }
    }

    @Override
    public void blockers(Task waiter, List<Edge> out) {
        Task owner = kernel.task(state >>> 1);
        if (owner != null && owner != waiter) {
            out.add(new Edge(owner, "lock(" + name() + ")"));
        }
    }

    @Override
    public void cancel(Task waiter) {
        waiters.remove(waiter);
        if (waiters.isEmpty()) {
            int s = state;
            state = s & ~WAITERS;
        }
    }

    @Override
    void releaseOnUnwind(Task t, boolean read) {
        unlock();
    }
}
