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
     * added?"): free on real threads, a place to switch for the explorer.
     */
    public static void sharedAccess(Object what) {
        Task self = Task.current();
        self.kernel().scheduler().point(self, Scheduler.Op.ACCESS, what);
    }
}
