package org.pcistress.explore;

import java.util.concurrent.locks.Condition;
import org.pcistress.kernel.locking.Frame;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.kernel.locking.Task;

/**
 * The explorer's view of one task: whether it can run, and what it does when it next gets the
 * baton. Every field is read and written under the scheduler's monitor.
 */
final class TaskSlot {
    /** What a task does when it is next chosen. */
    enum Next {
        /** Its first step: a task just created. */
        START,
        /** An operation at a scheduling point: {@link #op} on {@link #target}. */
        OP,
        /** It slept in a wait and was granted it: it takes what it waited for and goes on. */
        RESUME
    }

    final Task task;
    final Condition turn;
    /** Index among the explored tasks (actors, then spawned tasks in creation order); -1 outside the run. */
    final int runIndex;
    Thread thread;
    boolean blocked;
    boolean finished;
    /** A task whose thread runs a nested {@code kernel.run}: it waits for that inner task to end. */
    boolean suspended;
    /** The task this one is nested in (same thread), or {@code null}. */
    TaskSlot nestedIn;
    /** A spawned task's body, until it is first handed the baton and its thread starts. */
    Runnable unstarted;

    Next next = Next.START;
    Scheduler.Op op;
    Object target;
    Frame frame;
    /** Index of the last step this task ran, or -1. */
    int lastStep = -1;
    /** Steps that woke or created it since it last ran: causes of its next step. */
    final java.util.List<Integer> causes = new java.util.ArrayList<>(1);

    TaskSlot(Task task, Condition turn, int runIndex, Thread thread) {
        this.task = task;
        this.turn = turn;
        this.runIndex = runIndex;
        this.thread = thread;
    }

    boolean enabled() {
        return !blocked && !finished && !suspended;
    }

    void at(Next what, Scheduler.Op op, Object target, Frame frame) {
        this.next = what;
        this.op = op;
        this.target = target;
        this.frame = frame;
    }

    @Override
    public String toString() {
        return task.name() + "#" + runIndex;
    }
}
