package org.pcistress.kernel.locking;

/**
 * The one narrow interface through which every acquisition, release, wait and wake of the locking
 * layer passes. {@link RealScheduler} runs real threads at full speed (jcstress, JMH, JUnit); a
 * deterministic explorer implements it to decide which task runs next, without touching the
 * primitives or the model.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #point} is called by the task itself, without the monitor, immediately before every
 *       operation that another task could observe: a lock, an unlock, a wait, a completion, a spawn,
 *       and the unlocked shared accesses the model marks.</li>
 *   <li>Every slow path (a contended acquire, a release with waiters, a wait) runs between
 *       {@link #lock()} and {@link #unlock()} of the scheduler's single monitor.</li>
 *   <li>{@link #block} is called with the monitor held; it releases the monitor while the task
 *       sleeps and holds it again when it returns. It may return early (a spurious wake-up): callers
 *       loop on their own condition.</li>
 *   <li>{@link #wake} is called with the monitor held, after the waker made the sleeper's condition
 *       true.</li>
 * </ul>
 */
public interface Scheduler {

    /** What a task is about to do at a scheduling point. */
    enum Op {
        LOCK, READ_LOCK, TRYLOCK, UNLOCK, READ_UNLOCK, WAIT, COMPLETE, SPAWN, EXIT,
        /** An unlocked read or write of shared model state ("is this VF still added?"). */
        ACCESS
    }

    /** A scheduling point: the calling task is about to perform {@code op} on {@code target}. */
    void point(Task self, Op op, Object target);

    /** Takes the monitor every slow path runs under. */
    void lock();

    /** Releases the monitor. */
    void unlock();

    /**
     * Sleeps until {@link #wake woken}, until {@code nanos} have passed, or spuriously. Called and
     * returns with the monitor held.
     *
     * @return the nanoseconds left of {@code nanos}; zero or less when the time ran out
     */
    long block(Task self, long nanos);

    /** Wakes {@code task} if it sleeps in {@link #block}. Called with the monitor held. */
    void wake(Task task);

    /** A task was created for the calling thread ({@link Kernel#run}) and is about to run. */
    void attached(Task task);

    /** Runs {@code body} as the new task {@code task} on a thread of its own. */
    void start(Task task, Runnable body);

    /** {@code task} has finished; it runs no more model code. */
    void exited(Task task);

    /**
     * The running task's current step reads ({@code write == false}) or writes field {@code field}
     * of {@code owner}: model state shared outside any lock ({@link Locks#reads}). Not a scheduling
     * point: nobody is switched to. Called by the running task without the monitor. The real
     * scheduler ignores it; the explorer adds it to the step's footprint, for partial-order
     * reduction. {@code field == null}: the step read the state of kernel object {@code owner}
     * ({@code mutex_is_locked}), or changed the wait-for graph through it ({@code write}: a
     * completion's expected completer, as a wait would), without a scheduling point.
     */
    default void footprint(Object owner, String field, boolean write) {
    }

    /**
     * The {@code field} of a {@link #footprint} that says the step looked at a lock's or a
     * completion's state without waiting on it ({@code mutex_is_locked}, {@code rwsem_is_locked},
     * {@code completion_done}; a trylock is one by its {@link Op#TRYLOCK} point): such a look can
     * tell a wait that was granted from one that never slept, which the explorer's DPOR otherwise
     * treats as the same (docs/EXPLORER.md).
     */
    String PEEK = "peek";
}
