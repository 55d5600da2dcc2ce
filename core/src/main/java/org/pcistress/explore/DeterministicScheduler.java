package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.kernel.locking.Task;

/**
 * The explorer's {@link Scheduler}: every task is a real Java thread, but exactly one holds the
 * {@link Baton} and runs; the others sleep on a condition of their own under one monitor (a spawned
 * task gets its thread only when it is first chosen, see {@link #start}). The baton
 * moves only at a scheduling point ({@link #point}), when the running task sleeps ({@link #block})
 * and when it exits ({@link #exited}), and a {@link Chooser} picks where it goes. {@code block}
 * ignores its time bound: under the explorer a wait ends only by a grant, and a state in which no
 * task can run while some have not finished is a deadlock, which ends the execution.
 *
 * <p>Phases: during {@link Phase#SETUP} (the scenario's build) and {@link Phase#CHECK} (the final
 * check) tasks run in a fixed order, unexplored and unrecorded; during {@link Phase#RUN} every
 * choice is the chooser's and becomes a {@link Step}. {@link RunControl} is the explorer thread's
 * side of it.
 */
final class DeterministicScheduler implements Scheduler {
    enum Phase { SETUP, RUN, CHECK }

    final List<TaskSlot> slots = new ArrayList<>();
    final List<TaskSlot> runSlots = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<Carriers.Job> jobs = new ArrayList<>();
    final Baton baton;
    final Chooser chooser;
    final int maxSteps;
    private final boolean releasePoints;
    private final List<Finding> crashes = new ArrayList<>(0);

    Phase phase = Phase.SETUP;
    Kernel kernel;
    int reportsSeen;

    DeterministicScheduler(Chooser chooser, int maxSteps, long stallNanos, boolean releasePoints) {
        this.chooser = chooser;
        this.maxSteps = maxSteps;
        this.releasePoints = releasePoints;
        this.baton = new Baton(slots, stallNanos);
    }

    // ---- Scheduler ---------------------------------------------------------------------------

    @Override
    public void point(Task self, Op op, Object target) {
        baton.monitor.lock();
        try {
            TaskSlot s = slot(self);
            baton.throwIfAborted();
            boolean first = s.next == TaskSlot.Next.START;
            s.at(TaskSlot.Next.OP, op, target, self.frame());
            Footprint now = current();
            if (first && phase == Phase.RUN && s.lastStep >= 0) {
                // Running others before it is choosing others before the task started (a choice made
                // already), so its first step goes on into its first operation without a choice.
                steps.get(s.lastStep).firstOp(s);
                now.operation(op, target);
                return;
            }
            if (op == Op.EXIT) {
                if (now != null) {
                    now.exit(target);
                }
                return; // exited() makes the choice, and switching there is free
            }
            if (!releasePoints && phase == Phase.RUN && isRelease(op) && s.lastStep >= 0) {
                // A release is a left mover (Lipton): every schedule that runs others before it
                // is equivalent to one that releases first, so it is no choice point.
                steps.get(s.lastStep).inline(op, target, self.frame());
                now.operation(op, target);
                return;
            }
            TaskSlot next = pick(s, true);
            if (next == null) {
                throw new ExecutionAborted(baton.abortText());
            }
            handTo(next);
            baton.awaitTurn(s);
        } finally {
            baton.monitor.unlock();
        }
    }

    @Override
    public void footprint(Object owner, String field, boolean write) {
        Picking.field(this, owner, field, write);
    }

    @Override
    public void lock() {
        baton.monitor.lock();
        if (baton.aborted) {
            baton.monitor.unlock();
            throw new ExecutionAborted(baton.abortText());
        }
    }

    @Override
    public void unlock() {
        if (baton.monitor.isHeldByCurrentThread()) {
            baton.monitor.unlock();
        }
    }

    @Override
    public long block(Task self, long nanos) {
        TaskSlot s = slot(self);
        baton.throwIfAborted();
        s.blocked = true;
        if (phase == Phase.RUN && s.lastStep >= 0) {
            steps.get(s.lastStep).blocks = true;
            current().blocks = true;
        }
        s.at(TaskSlot.Next.RESUME, s.op, s.target, s.frame);
        TaskSlot next = pick(s, false);
        if (next == null) {
            throw new ExecutionAborted(baton.abortText());
        }
        handTo(next);
        baton.awaitTurn(s);
        return Math.max(1L, nanos);
    }

    @Override
    public void wake(Task task) {
        TaskSlot s = slot(task);
        if (s.blocked && phase == Phase.RUN && !steps.isEmpty()) {
            s.causes.add(steps.size() - 1);
        }
        s.blocked = false;
    }

    @Override
    public void attached(Task task) {
        baton.monitor.lock();
        try {
            baton.throwIfAborted();
            Thread me = Thread.currentThread();
            TaskSlot outer = baton.running;
            if (outer != null && outer.thread == me) {
                TaskSlot s = register(task, me);
                s.nestedIn = outer;
                outer.suspended = true;
                baton.running = s;
                return;
            }
            if (phase != Phase.RUN) {
                // Setup and check run one task after another: work a previous task queued runs
                // to its end first.
                baton.awaitNobodyRunning(task);
                baton.running = register(task, me);
                return;
            }
            TaskSlot s = register(task, me);
            baton.signalIdle();
            baton.awaitTurn(s);
        } finally {
            baton.monitor.unlock();
        }
    }

    /**
     * Registers the task; its thread starts when the task is first handed the baton ({@link #handTo}),
     * so it never sleeps before its first step. A task never chosen never runs its body, as before.
     */
    @Override
    public void start(Task task, Runnable body) {
        baton.monitor.lock();
        try {
            baton.throwIfAborted();
            TaskSlot s = register(task, null);
            s.unstarted = () -> runSpawned(s, body);
        } finally {
            baton.monitor.unlock();
        }
    }

    /** Gives {@code next} the baton, starting its thread if it has none yet. Monitor held. */
    void handTo(TaskSlot next) {
        baton.handTo(next);
        Runnable body = next.unstarted;
        if (body != null) {
            next.unstarted = null;
            jobs.add(Carriers.start("explore-" + next.task.name(), body));
        }
    }

    @Override
    public void exited(Task task) {
        baton.monitor.lock();
        try {
            TaskSlot s = slot(task);
            s.finished = true;
            if (phase == Phase.RUN && s.lastStep >= 0) {
                steps.get(s.lastStep).exits = true;
            }
            if (baton.aborted) {
                return;
            }
            if (s.nestedIn != null) {
                if (phase == Phase.RUN && !steps.isEmpty()) {
                    s.nestedIn.causes.add(steps.size() - 1);
                }
                s.nestedIn.suspended = false;
                baton.running = s.nestedIn;
                return;
            }
            TaskSlot next = pick(s, false);
            if (next != null) {
                handTo(next);
            } else if (!baton.aborted) {
                baton.running = null;
                baton.signalIdle();
            }
        } finally {
            baton.monitor.unlock();
        }
    }

    static boolean isRelease(Op op) {
        return op == Op.UNLOCK || op == Op.READ_UNLOCK || op == Op.COMPLETE;
    }

    /** Records an exception that escaped a task: a crash of the model, not a kernel report. */
    void crashed(String who, Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        Finding f = new Finding("EXCEPTION", "EXCEPTION: " + e + " in " + who, w.toString());
        synchronized (crashes) {
            crashes.add(f);
        }
    }

    List<Finding> crashes() {
        synchronized (crashes) {
            return List.copyOf(crashes);
        }
    }

    // ---- choosing ----------------------------------------------------------------------------

    /** Who runs next; {@code null} when nobody can (all finished, or the execution was ended). */
    TaskSlot pick(TaskSlot current, boolean currentEnabled) {
        return Picking.pick(this, current, currentEnabled);
    }

    /** The footprint of the step running now, or {@code null} outside the explored run. */
    Footprint current() {
        return phase == Phase.RUN && !steps.isEmpty() ? steps.get(steps.size() - 1).footprint : null;
    }

    private void runSpawned(TaskSlot s, Runnable body) {
        try {
            baton.monitor.lock();
            try {
                s.thread = Thread.currentThread();
                baton.awaitTurn(s);
            } finally {
                baton.monitor.unlock();
            }
            body.run();
        } catch (ExecutionAborted e) {
            // the execution was ended; the thread unwound
        } catch (RuntimeException | Error e) {
            crashed(s.task.name(), e);
        }
    }

    TaskSlot register(Task task, Thread thread) {
        int runIndex = phase == Phase.RUN ? runSlots.size() : -1;
        TaskSlot s = new TaskSlot(task, baton.monitor.newCondition(), runIndex, thread);
        slots.add(s);
        if (runIndex >= 0) {
            runSlots.add(s);
            Footprint now = current();
            if (now != null) {
                now.creates = true;
                s.causes.add(steps.size() - 1);
            }
        }
        task.schedulerData(s);
        return s;
    }

    private static TaskSlot slot(Task t) {
        Object d = t.schedulerData();
        if (!(d instanceof TaskSlot)) {
            throw new IllegalStateException(t + " does not run under the explorer's scheduler");
        }
        return (TaskSlot) d;
    }
}
