package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/**
 * One simulated kernel: its tasks, the scheduler they run under, the wait-for detector, the
 * lockdep-style validator and the reports they made. Every lock belongs to one kernel; a jcstress
 * sample or an explorer run builds a fresh one.
 */
public final class Kernel {
    private final KernelConfig config;
    private final Scheduler scheduler;
    private final Lockdep lockdep;
    private final boolean tracking;
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger kworkers = new AtomicInteger();
    private final Map<Integer, Task> tasks = new ConcurrentHashMap<>();
    private final List<Report> reports = Collections.synchronizedList(new ArrayList<>());
    private final LockTracking locks;
    private final Waits waits;

    public Kernel() {
        this(KernelConfig.defaults());
    }

    public Kernel(KernelConfig config) {
        this(config, new RealScheduler());
    }

    public Kernel(KernelConfig config, Scheduler scheduler) {
        this.config = config;
        this.scheduler = scheduler;
        this.lockdep = !config.validator() ? null
                : config.lockdep() != null ? config.lockdep() : new Lockdep();
        this.tracking = config.detector() || config.validator();
        this.locks = new LockTracking(this);
        this.waits = new Waits(this);
    }

    public KernelConfig config() {
        return config;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The validator, or {@code null} when it is off. */
    public Lockdep lockdep() {
        return lockdep;
    }

    // ---- tasks ------------------------------------------------------------------------------

    /** Runs {@code body} on the calling thread as a new task named {@code name}. */
    public void run(String name, Runnable body) {
        call(name, () -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} on the calling thread as a new task and returns its result. */
    public <T> T call(String name, Supplier<T> body) {
        Task t = newTask(name, Task.currentOrNull());
        Task previous = Task.bind(t);
        scheduler.attached(t);
        boolean normal = false;
        try {
            T result = body.get();
            normal = true;
            return result;
        } finally {
            try {
                exit(t, normal);
            } finally {
                Task.unbind(previous);
            }
        }
    }

    /**
     * Binds the calling thread to a new task named {@code name} until the returned handle is
     * closed, for a harness whose thread runs model code across many calls (a JMH trial, a
     * long-lived worker). Close it on the same thread; locks still held then are reported and
     * released as at any task exit. Prefer {@link #run} where one body suffices.
     */
    public AttachedTask attach(String name) {
        Task t = newTask(name, Task.currentOrNull());
        Task previous = Task.bind(t);
        scheduler.attached(t);
        return new AttachedTask(this, t, previous);
    }

    /** Ends an attached task: called by {@link AttachedTask#close()} on the attached thread. */
    void detach(Task t, Task previous) {
        try {
            exit(t, true);
        } finally {
            Task.unbind(previous);
        }
    }

    /**
     * Runs {@code body} as a task and returns the {@link KernelBug} that ended it, or {@code null}
     * when it returned normally. The report is in {@link #reports()} either way.
     */
    public KernelBug runCatching(String name, Runnable body) {
        try {
            run(name, body);
            return null;
        } catch (KernelBug bug) {
            return bug;
        }
    }

    /**
     * Starts {@code body} as a new task on a thread of its own (a kworker, a probe worker), the
     * calling task its parent. The caller must wait for it through a {@link Completion} or
     * {@link #quiesce}; nothing here waits.
     */
    public Task spawn(String name, Runnable body) {
        Task parent = Task.currentOrNull();
        Task t = newTask(name, parent);
        t.spawned = true;
        if (parent != null) {
            scheduler.point(parent, Scheduler.Op.SPAWN, t);
        }
        scheduler.start(t, () -> {
            Task previous = Task.bind(t);
            boolean normal = false;
            try {
                body.run();
                normal = true;
            } catch (KernelBug bug) {
                // reported already; the task unwound and ends here
            } finally {
                try {
                    exit(t, normal);
                } finally {
                    Task.unbind(previous);
                }
            }
        });
        return t;
    }

    /** A fresh kworker name, {@code kworker/u:N}. */
    public String kworkerName(String what) {
        scheduler.footprint(this, "kworkers", true); // the counter: names follow the order of these calls
        return "kworker/u:" + kworkers.incrementAndGet() + "+" + what;
    }

    /**
     * Waits, within the hung-task bound, until every spawned task has exited. Call it from the
     * harness, outside any task, after the actors returned.
     *
     * @return {@code true} when all exited; otherwise a {@link ReportKind#HUNG_TASK} report is kept
     */
    public boolean quiesce() {
        long deadline = System.nanoTime() + config.hungTaskNanos();
        // By id, re-reading the last id: a task waited for may spawn more (ids only grow, and a
        // spawner has put its child in the map before it exits). Iterating the map instead can
        // miss tasks added while it grows. Exited tasks have left the map already.
        for (int id = 1; id <= ids.get(); id++) {
            Task t = tasks.get(id);
            if (t == null || !t.spawned) {
                continue;
            }
            try {
                long left = deadline - System.nanoTime();
                if (!t.gone.await(Math.max(0, left), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    report(Reports.hungTask(this, t, "did not exit within the hung-task bound", config.hungTaskNanos()));
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** How many tasks this kernel has created, exited ones included. */
    public int tasksCreated() {
        return ids.get();
    }

    /**
     * The live tasks, by id. An exited task leaves at once, so a long-lived kernel (a JMH trial
     * running millions of entry points) does not keep every task it ever ran.
     */
    public List<Task> tasks() {
        List<Task> out = new ArrayList<>(tasks.values());
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    /** The live tasks, unordered and uncopied: for the detector's scans under the monitor. */
    java.util.Collection<Task> liveTasks() {
        return tasks.values();
    }

    Task task(int id) {
        return tasks.get(id);
    }

    private Task newTask(String name, Task parent) {
        Task t = new Task(this, ids.incrementAndGet(), name, parent);
        tasks.put(t.id(), t);
        return t;
    }

    private void exit(Task t, boolean normal) {
        try {
            locks.releaseAtExit(t, normal);
        } finally {
            t.exited = true;
            try {
                scheduler.point(t, Scheduler.Op.EXIT, t);
                scheduler.exited(t);
            } finally {
                tasks.remove(t.id());
                t.gone.countDown();
            }
        }
    }

    // ---- reports ----------------------------------------------------------------------------

    public void report(Report r) {
        reports.add(r);
    }

    /** Everything found so far, in the order found. */
    public List<Report> reports() {
        synchronized (reports) {
            return List.copyOf(reports);
        }
    }

    public boolean hasReport(ReportKind kind) {
        synchronized (reports) {
            for (Report r : reports) {
                if (r.kind() == kind) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Reports whose kind is a failure (everything but lockdep's predictions). */
    public List<Report> failures() {
        List<Report> out = new ArrayList<>();
        for (Report r : reports()) {
            if (r.kind().isFailure()) {
                out.add(r);
            }
        }
        return out;
    }

    Report lockingBug(Task t, String what) {
        Report r = Reports.lockingBug(t, what);
        report(r);
        return r;
    }

    Report hungTaskReport(Task t, String why) {
        Report r = Reports.hungTask(this, t, why, config.hungTaskNanos());
        report(r);
        return r;
    }

    // ---- the lock layer's hooks --------------------------------------------------------------

    boolean tracking() {
        return tracking;
    }

    /** The held-lock bookkeeping every acquisition and release goes through. */
    LockTracking locks() {
        return locks;
    }

    /** The wait/grant machinery every sleeping primitive goes through. */
    Waits waits() {
        return waits;
    }
}
