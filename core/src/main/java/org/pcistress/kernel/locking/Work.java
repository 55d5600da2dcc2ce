package org.pcistress.kernel.locking;

import java.util.function.Supplier;

/**
 * A work item ({@code struct work_struct}) and the kernel's ways to run one on a kworker:
 * {@link #workOnCpu} (kernel/workqueue.c:work_on_cpu: queue, then {@code flush_work}),
 * {@link #queue} ({@code queue_work}) and {@link #flush} ({@code flush_work}).
 *
 * <p>Lockdep sees a work item as the kernel's does: its {@code lockdep_map}
 * ({@code (work_completion)(function)}) is acquired and released by every flush under the
 * flusher's locks and held by the kworker while the function runs, so a lock the flusher holds and
 * a lock the work takes are ordered through it ({@link LockdepMap}). The kernel also acquires the
 * workqueue's own map in {@code process_one_work()}; the model leaves it out, since
 * {@code flush_work()} touches it only on ordered or rescuer workqueues and {@code work_on_cpu()}
 * uses {@code system_wq}.
 *
 * <p>Each work item runs on a kworker task of its own, spawned through the scheduler, so the
 * explorer sees it like any actor. A {@link KernelBug} that ends the work is handed to whoever
 * flushes it, as the work's result. The kworker and result are shared by the queuer, the worker and
 * the flushers: each use declares its read or write ({@link Locks#reads}) for the explorer's
 * footprints.
 */
public final class Work<T> {
    private final Kernel kernel;
    private final String function;
    private final Supplier<T> fn;
    private final Completion done;
    /** The work's {@code lockdep_map}: flushers acquire and release it, the kworker holds it while the work runs. */
    private final LockdepMap map;
    private volatile Task worker;
    private volatile T result;
    private volatile RuntimeException failure;

    private Work(Kernel kernel, String function, Supplier<T> fn) {
        this.kernel = kernel;
        this.function = function;
        this.fn = fn;
        this.done = new Completion(kernel, function, false);
        this.map = LockdepMap.work(kernel, function);
    }

    /** {@code INIT_WORK()}: a work item that runs {@code fn} as kernel function {@code function}. */
    public static <T> Work<T> init(Kernel kernel, String function, Supplier<T> fn) {
        return new Work<>(kernel, function, fn);
    }

    /** {@code INIT_WORK()} for a work item without a result. */
    public static Work<Void> init(Kernel kernel, String function, Runnable fn) {
        return new Work<>(kernel, function, () -> {
            fn.run();
            return null;
        });
    }

    /**
     * kernel/workqueue.c:work_on_cpu (v4.14, v5.10, v6.19): runs {@code fn} on a kworker and waits
     * for it. A lock the caller holds and the worker wants is a cross-thread deadlock.
     */
    public static <T> T workOnCpu(Kernel kernel, String function, Supplier<T> fn) {
        Work<T> w = init(kernel, function, fn);
        w.queue();
        return w.flush();
    }

    /** {@code queue_work()}: starts the work on a fresh kworker; returns at once. */
    public Work<T> queue() {
        Task t = kernel.spawn(kernel.kworkerName(function), this::execute);
        Locks.writes(kernel, this, "worker");
        worker = t;
        done.expect(t);
        return this;
    }

    /**
     * {@code flush_work()}: waits until the work has run; rethrows the bug that ended it, if any.
     * Any number of tasks may flush, any number of times; once the work has run it returns at once.
     */
    public T flush() {
        try (var f = Task.enter("flush_work")) {
            map.touch(Task.current()); // __flush_work(): lock_map_acquire + release under the flusher's locks
        }
        done.waitForCompletion();
        Locks.reads(kernel, this, "result"); // result and failure
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        return result;
    }

    /** The kworker running this work, once queued. */
    public Task worker() {
        Locks.reads(kernel, this, "worker");
        return worker;
    }

    private void execute() {
        try (var f = Task.enter("process_one_work")) {
            Task self = Task.current();
            map.acquire(self); // process_one_work(): lock_map_acquire(&lockdep_map) around the function
            try (var g = Task.enter(function)) {
                T r = fn.get();
                Locks.writes(kernel, this, "result");
                result = r;
            } finally {
                map.release(self);
            }
        } catch (RuntimeException e) {
            Locks.writes(kernel, this, "result");
            failure = e;
            if (!(e instanceof KernelBug)) {
                throw e;
            }
        } finally {
            done.completeAll(); // every flush, now or later, returns: flush_work on idle work does
        }
    }
}
