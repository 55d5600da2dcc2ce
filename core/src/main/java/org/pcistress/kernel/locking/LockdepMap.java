package org.pcistress.kernel.locking;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@code struct lockdep_map} that is not a lock: the kernel gives one to each work item
 * ({@code INIT_WORK()}: class {@code (work_completion)(…)}) and acquires it with
 * {@code lock_map_acquire()} / {@code lock_map_release()} (include/linux/lockdep.h) so the
 * validator sees a wait on another task as a lock dependency. Nobody ever waits on it: it only
 * takes part in the held stack and the dependency graph, never in the wait-for detector or the
 * explorer's schedule.
 *
 * <p>The model uses two kinds: a work item's ({@code (work_completion)(local_pci_probe)},
 * validated by both flavours) and a completion's ({@code (completion)…}, validated by the
 * pcistress flavour only; {@link LockdepFlavor}).
 */
final class LockdepMap extends KernelLock {
    private static final Map<String, LockClass> CLASSES = new ConcurrentHashMap<>();

    private LockdepMap(Kernel kernel, LockClass cls) {
        super(kernel, cls, cls.name());
    }

    /** The map of a work item running {@code function}: {@code (work_completion)(function)}. */
    static LockdepMap work(Kernel kernel, String function) {
        return new LockdepMap(kernel, CLASSES.computeIfAbsent("(work_completion)(" + function + ")", LockClass::of));
    }

    /** The map of a completion named {@code name}: {@code (completion)name}, pcistress only. */
    static LockdepMap completion(Kernel kernel, String name) {
        return new LockdepMap(kernel, CLASSES.computeIfAbsent("(completion)" + name, LockClass::modelOnly));
    }

    static boolean isMapClass(String className) {
        return className.startsWith("(work_completion)") || className.startsWith("(completion)");
    }

    /** {@code lock_map_acquire()}: validated as an exclusive acquisition, then held. */
    void acquire(Task t) {
        kernel.locks().validate(t, this, false);
        kernel.locks().acquired(t, this, false, false);
    }

    /** {@code lock_map_release()}. */
    void release(Task t) {
        kernel.locks().released(t, this, false);
    }

    /** {@code lock_map_acquire(); lock_map_release();}: what {@code flush_work()} does before it waits. */
    void touch(Task t) {
        acquire(t);
        release(t);
    }

    /** A held-stack entry for a completion this task owes, as if held below everything it holds. */
    HeldLock owedEntry(Frame at) {
        HeldLock h = new HeldLock();
        h.set(this, false, false, at, 0L);
        return h;
    }

    @Override
    void releaseOnUnwind(Task t, boolean read) {
        release(t);
    }

    @Override
    public void blockers(Task waiter, List<Edge> out) {
        // never waited on
    }

    @Override
    public void cancel(Task waiter) {
        // never waited on
    }
}
