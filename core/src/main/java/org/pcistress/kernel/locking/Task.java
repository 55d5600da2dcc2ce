package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel task ({@code struct task_struct}, {@code current}): the unit the locking layer reasons
 * about. Every thread that runs model code does so as a task of one {@link Kernel}, entered
 * through {@link Kernel#run} or started by {@link Kernel#spawn}.
 *
 * <p>A task keeps its model call chain ({@link #enter}) and its held-lock stack. Only the task
 * itself changes them; other tasks read them only while this task sleeps in a wait, under the
 * scheduler's monitor, when they cannot change.
 */
public final class Task implements AutoCloseable {
    private static final ThreadLocal<Task> CURRENT = new ThreadLocal<>();
    private static final int MAX_HELD = 48; // MAX_LOCK_DEPTH

    private final Kernel kernel;
    private final int id;
    private final String name;
    private final Task parent;

    private Frame frame;
    private final HeldLock[] held = new HeldLock[MAX_HELD];
    private int depth;
    /** Completions this task is expected to complete, for the validator (cross-release); any thread adds. */
    private final java.util.concurrent.CopyOnWriteArrayList<HeldLock> owed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long owedKey;

    // Wait state: written and read under the scheduler's monitor only.
    Waitable waitingOn;
    boolean waitRead;
    Frame waitAt;
    boolean granted;
    /** A deadlock found for this sleeper by someone else ({@link Kernel#recheck}), thrown when it wakes. */
    KernelBug pendingBug;
    /** The scheduler's own per-task data (a Condition, a baton). */
    Object schedulerData;
    volatile Thread thread;
    volatile boolean exited;
    /** Set for tasks started by {@link Kernel#spawn}: the ones {@link Kernel#quiesce} waits for. */
    volatile boolean spawned;
    /** Counted down once the task has fully exited. */
    final java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);

    Task(Kernel kernel, int id, String name, Task parent) {
        this.kernel = kernel;
        this.id = id;
        this.name = name;
        this.parent = parent;
        for (int i = 0; i < MAX_HELD; i++) {
            held[i] = new HeldLock();
        }
    }

    /** {@code current}: the task of the calling thread. */
    public static Task current() {
        Task t = CURRENT.get();
        if (t == null) {
            throw new IllegalStateException(
                    "model code ran outside a task: enter it through Kernel.run(name, body)");
        }
        return t;
    }

    /** The task of the calling thread, or {@code null}. */
    public static Task currentOrNull() {
        return CURRENT.get();
    }

    static Task bind(Task t) {
        Task previous = CURRENT.get();
        CURRENT.set(t);
        return previous;
    }

    static void unbind(Task previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /**
     * Enters the kernel function {@code function} for the model call chain; close it on return:
     * {@code try (var f = Task.enter("pci_walk_bus")) { … }}.
     */
    public static Task enter(String function) {
        Task t = current();
        t.frame = new Frame(function, t.frame);
        return t;
    }

    /** Leaves the innermost function entered with {@link #enter}. */
    @Override
    public void close() {
        frame = frame.caller();
    }

    public Kernel kernel() {
        return kernel;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The task that spawned this one (a probe worker's caller), or {@code null}. */
    public Task parent() {
        return parent;
    }

    /** The current model call chain, innermost frame; {@code null} at the task's top level. */
    public Frame frame() {
        return frame;
    }

    public boolean hasExited() {
        return exited;
    }

    /** For {@link Scheduler} implementations: their own per-task data. */
    public Object schedulerData() {
        return schedulerData;
    }

    /** For {@link Scheduler} implementations: their own per-task data. */
    public void schedulerData(Object data) {
        this.schedulerData = data;
    }

    /** For {@link Scheduler#start} implementations: the thread that runs this task. */
    public void thread(Thread t) {
        this.thread = t;
    }

    /** The thread that runs this task, when a scheduler started it; {@code null} otherwise. */
    public Thread thread() {
        return thread;
    }

    // ---- held-lock stack ---------------------------------------------------------------------

    int heldDepth() {
        return depth;
    }

    HeldLock heldAt(int i) {
        return held[i];
    }

    long topChainKey() {
        return depth == 0 ? 0L : held[depth - 1].chainKey;
    }

    void pushHeld(KernelLock lock, boolean read, boolean trylock, long chainKey) {
        if (depth == MAX_HELD) {
            throw new LockingBug(kernel.lockingBug(this, "BUG: MAX_LOCK_DEPTH too low! (" + MAX_HELD
                    + ") acquiring " + lock.name()));
        }
        held[depth++].set(lock, read, trylock, frame, chainKey);
    }

    /** Removes {@code lock} from the held stack, as {@code __lock_release} does, even out of order. */
    boolean popHeld(KernelLock lock, boolean read) {
        for (int i = depth - 1; i >= 0; i--) {
            HeldLock h = held[i];
            if (h.lock == lock && h.read == read) {
                HeldLock removed = held[i];
                System.arraycopy(held, i + 1, held, i, depth - i - 1);
                held[--depth] = removed;
                removed.clear();
                kernel.locks().rekeyFrom(this, i);
                return true;
            }
        }
        return false;
    }

    /** This task is now expected to complete {@code map}'s completion (another task may call this). */
    void owe(LockdepMap map) {
        owed.add(map.owedEntry(null));
        rekeyOwed();
    }

    /** The completion of {@code map} was completed (or its completer changed). */
    void settle(LockdepMap map) {
        if (owed.removeIf(h -> h.lock() == map)) {
            rekeyOwed();
        }
    }

    /** The completions this task owes, as held-stack entries below everything it holds. */
    List<HeldLock> owedCompletions() {
        return owed;
    }

    /** Mixed into the validator's chain key, so a chain validated while owing nothing is checked again. */
    long owedKey() {
        return owedKey;
    }

    private synchronized void rekeyOwed() {
        long k = 0L;
        for (HeldLock h : owed) {
            k += Lockdep.chainKey(0x6F776564L, h.lock().lockClass(), false); // order-independent
        }
        owedKey = k;
    }

    void setChainKey(int i, long key) {
        held[i].chainKey = key;
    }

    /** A copy of the held locks, outermost first. Safe only from this task or while it waits. */
    public List<HeldLock> heldLocks() {
        List<HeldLock> out = new ArrayList<>(depth);
        for (int i = 0; i < depth; i++) {
            out.add(held[i].copy());
        }
        return out;
    }

    /** Does this task hold {@code lock} (in any mode)? Reads only this task's own stack. */
    boolean holds(KernelLock lock) {
        for (int i = 0; i < depth; i++) {
            if (held[i].lock == lock) {
                return true;
            }
        }
        return false;
    }

    boolean holdsRead(KernelLock lock) {
        for (int i = 0; i < depth; i++) {
            if (held[i].lock == lock && held[i].read) {
                return true;
            }
        }
        return false;
    }

    /** Is this task asleep in a wait that nobody has granted yet? Monitor held. */
    boolean isBlocked() {
        return waitingOn != null && !granted && pendingBug == null;
    }

    @Override
    public String toString() {
        return name + "/" + id;
    }
}
