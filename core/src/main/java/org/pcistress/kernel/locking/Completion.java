package org.pcistress.kernel.locking;

import java.util.ArrayDeque;
import java.util.List;

/**
 * {@code struct completion} (kernel/sched/completion.c): {@code wait_for_completion} sleeps until
 * another task calls {@code complete}. The waiter waits on that task, so the wait-for detector
 * needs to know who it is: {@link #expect} names it (a {@code work_on_cpu} or {@code flush_work}
 * caller waits on the kworker running the work).
 */
public final class Completion implements Waitable {
    /** {@code UINT_MAX}: {@link #completeAll} was called; waits no longer consume it. */
    private static final int ALL = Integer.MAX_VALUE;

    private final Kernel kernel;
    private final String name;
    private final ArrayDeque<Task> waiters = new ArrayDeque<>(1);
    private int done;
    private Task completer;
    /** The pcistress flavour's cross-release map, or {@code null} when the validator does not track this completion. */
    private final LockdepMap map;

    public Completion(Kernel kernel, String name) {
        this(kernel, name, true);
    }

    /**
     * @param tracked whether the validator tracks this completion; a work item's own completion is
     *                not, its {@code lockdep_map} stands for it ({@link Work})
     */
    Completion(Kernel kernel, String name, boolean tracked) {
        this.kernel = kernel;
        this.name = name;
        this.map = tracked && kernel.lockdep() != null ? LockdepMap.completion(kernel, name) : null;
    }

    /**
     * Names the task expected to complete this; a waiter then waits on it. Waiters already asleep
     * gain that edge now, without a new wait, so each is searched for the cycle it may close.
     */
    public void expect(Task completer) {
        Scheduler s = kernel.scheduler();
        s.footprint(this, null, true); // a wait-for edge changes without a scheduling point
        s.lock();
        try {
            if (map != null && this.completer != completer) {
                if (this.completer != null) {
                    this.completer.settle(map);
                }
                if (completer != null && done == 0) {
                    completer.owe(map);
                }
            }
            this.completer = completer;
            for (Task w : List.copyOf(waiters)) {
                kernel.waits().recheck(w);
            }
        } finally {
            s.unlock();
        }
    }

    /** {@code wait_for_completion()}. */
    public void waitForCompletion() {
        Task self = Task.current();
        if (map != null) {
            map.touch(self); // the waiter depends on the completion (pcistress flavour only)
        }
        Scheduler s = kernel.scheduler();
        s.point(self, Scheduler.Op.WAIT, this);
        s.lock();
        try {
            if (done > 0) {
                if (done != ALL) {
                    done--;
                }
                return;
            }
            waiters.addLast(self);
            kernel.waits().await(self, this, false);
        } finally {
            s.unlock();
        }
    }

    /** {@code complete()}: wakes one waiter, or lets the next wait pass. */
    public void complete() {
        Task self = Task.current();
        settle();
        Scheduler s = kernel.scheduler();
        s.point(self, Scheduler.Op.COMPLETE, this);
        s.lock();
        try {
            Task next = waiters.pollFirst();
            if (next == null) {
                if (done != ALL) {
                    done++;
                }
            } else {
                kernel.waits().grant(next);
            }
        } finally {
            s.unlock();
        }
    }

    /** {@code complete_all()}: wakes every waiter and lets every later wait pass. */
    public void completeAll() {
        Task self = Task.current();
        settle();
        Scheduler s = kernel.scheduler();
        s.point(self, Scheduler.Op.COMPLETE, this);
        s.lock();
        try {
            done = ALL;
            for (Task next; (next = waiters.pollFirst()) != null;) {
                kernel.waits().grant(next);
            }
        } finally {
            s.unlock();
        }
    }

    /** The expected completer no longer owes this completion to the validator. */
    private void settle() {
        Task c = completer;
        if (map != null && c != null) {
            c.settle(map);
        }
    }

    /** {@code completion_done()}. */
    public boolean isDone() {
        Scheduler s = kernel.scheduler();
        s.footprint(this, null, false); // reads its state without a scheduling point
        s.footprint(this, Scheduler.PEEK, false);
        s.lock();
        try {
            return done > 0;
        } finally {
            s.unlock();
        }
    }

    public String name() {
        return name;
    }

    @Override
    public void blockers(Task waiter, List<Edge> out) {
        if (completer != null && completer != waiter && !completer.hasExited()) {
            out.add(new Edge(completer, "owes complete(" + name + ")"));
        } else if (completer == waiter) {
            out.add(new Edge(waiter, "owes complete(" + name + ") to itself"));
        }
    }

    @Override
    public void cancel(Task waiter) {
        waiters.remove(waiter);
    }

    @Override
    public String describeWait(boolean read) {
        return "wait_for_completion(" + name + ")";
    }

    @Override
    public String toString() {
        return name;
    }
}
