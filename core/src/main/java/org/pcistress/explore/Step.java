package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.locking.Frame;
import org.pcistress.kernel.locking.Scheduler;

/**
 * One step of an explored execution: the task that got the baton and what it did first. Holds
 * live model objects; {@link TraceTable} renders them to text while the execution's objects exist.
 */
final class Step {
    final int task;
    TaskSlot.Next kind;
    Scheduler.Op op;
    Object target;
    Frame frame;
    final boolean preemption;
    boolean blocks;
    boolean exits;
    final List<Report> reports = new ArrayList<>(0);
    /** Releases the task made later in the same step (not choice points: see DeterministicScheduler). */
    final List<Step> inline = new ArrayList<>(0);
    /** What the step touched, for partial-order reduction. */
    final Footprint footprint = new Footprint();
    static final int[] NO_CAUSES = new int[0];
    /** Earlier steps that made this one possible: the wake, creation or nested return before it. */
    int[] causes = NO_CAUSES;

    private Step(int task, Scheduler.Op op, Object target, Frame frame) {
        this.task = task;
        this.kind = TaskSlot.Next.OP;
        this.op = op;
        this.target = target;
        this.frame = frame;
        this.preemption = false;
    }

    void inline(Scheduler.Op op, Object target, Frame frame) {
        inline.add(new Step(task, op, target, frame));
    }

    Step(TaskSlot s, boolean preemption) {
        this.task = s.runIndex;
        this.kind = s.next;
        this.op = s.op;
        this.target = s.target;
        this.frame = s.frame;
        this.preemption = preemption;
    }

    /** A task's first step runs on to its first operation: nothing before it is visible to others. */
    void firstOp(TaskSlot s) {
        kind = TaskSlot.Next.OP;
        op = s.op;
        target = s.target;
        frame = s.frame;
    }

    boolean failed() {
        for (Report r : reports) {
            if (r.kind().isFailure()) {
                return true;
            }
        }
        return false;
    }
}
