package org.pcistress.kernel.locking;

/**
 * The kernel's names for the primitives, so model code reads like the C it follows:
 * {@code downRead(pciBusSem); … upRead(pciBusSem);}. Import statically.
 */
public final class Locks {
    private Locks() {
    }

    /** {@code mutex_lock()}. */
    public static void mutexLock(Mutex m) {
        m.lock();
    }

    /** {@code mutex_unlock()}. */
    public static void mutexUnlock(Mutex m) {
        m.unlock();
    }

    /** {@code mutex_trylock()}. */
    public static boolean mutexTrylock(Mutex m) {
        return m.trylock();
    }

    /** {@code mutex_is_locked()}: by someone; the caller cannot ask whether by itself. */
    public static boolean mutexIsLocked(Mutex m) {
        return m.isLocked();
    }

    /** {@code down_read()}. */
    public static void downRead(RwSemaphore s) {
        s.downRead();
    }

    /** {@code up_read()}. */
    public static void upRead(RwSemaphore s) {
        s.upRead();
    }

    /** {@code down_write()}. */
    public static void downWrite(RwSemaphore s) {
        s.downWrite();
    }

    /** {@code up_write()}. */
    public static void upWrite(RwSemaphore s) {
        s.upWrite();
    }

    /** {@code down_read_trylock()}. */
    public static boolean downReadTrylock(RwSemaphore s) {
        return s.downReadTrylock();
    }

    /** {@code down_write_trylock()}. */
    public static boolean downWriteTrylock(RwSemaphore s) {
        return s.downWriteTrylock();
    }

    /** {@code wait_for_completion()}. */
    public static void waitForCompletion(Completion c) {
        c.waitForCompletion();
    }

    /** {@code complete()}. */
    public static void complete(Completion c) {
        c.complete();
    }

    /**
     * {@code lockdep_is_held()}: does the calling task hold {@code lock}? A debugging facility for
     * {@code lockdep_assert_held()}-style checks only; kernel paths never branch on it (the kernel
     * offers no ownership query outside lockdep). Like the kernel's, it answers {@code true} when
     * lock tracking is off.
     */
    public static boolean lockdepIsHeld(KernelLock lock) {
        Task self = Task.current();
        return !self.kernel().tracking() || self.holds(lock);
    }

    /**
     * A scheduling point before an unlocked access to shared model state ("is this VF still
     * added?"): free on real threads, a place to switch for the explorer. It says only WHERE a switch
     * may happen; what the access reads or writes is declared by {@link #reads}/{@link #writes} in
     * the accessor that makes it.
     */
    public static void sharedAccess(Object what) {
        Task self = Task.current();
        self.kernel().scheduler().point(self, Scheduler.Op.ACCESS, what);
    }

    /**
     * The running task of {@code kernel} reads {@code field} of {@code owner}, model state shared
     * outside any lock that would order the access. NOT a scheduling point: the explorer adds it to
     * the running step's footprint, so partial-order reduction knows the step depends on every
     * step of another task that writes it; the real scheduler ignores it (a call that does
     * nothing). Outside the explorer's run (setup, the final check, a harness) nothing is recorded.
     *
     * <p>Naming: within an execution, owners are compared by identity; across executions by
     * {@code toString} where the owner's class defines one, which must then name the same state in
     * every execution (a BDF, a bus number); an owner whose class does not is named by its class
     * alone (all its instances count as one: more dependence, never less). {@code field == null}
     * reads the state of a kernel object itself (who holds lock {@code owner}): dependent on every
     * operation on it.
     */
    public static void reads(Kernel kernel, Object owner, String field) {
        kernel.scheduler().footprint(owner, field, false);
    }

    /** The running task of {@code kernel} writes {@code field} of {@code owner}: see {@link #reads(Kernel, Object, String)}. */
    public static void writes(Kernel kernel, Object owner, String field) {
        kernel.scheduler().footprint(owner, field, true);
    }

    /** {@link #reads(Kernel, Object, String)} for the calling task's kernel; nothing outside a task. */
    public static void reads(Object owner, String field) {
        Task self = Task.currentOrNull();
        if (self != null) {
            reads(self.kernel(), owner, field);
        }
    }

    /** {@link #writes(Kernel, Object, String)} for the calling task's kernel; nothing outside a task. */
    public static void writes(Object owner, String field) {
        Task self = Task.currentOrNull();
        if (self != null) {
            writes(self.kernel(), owner, field);
        }
    }
}
