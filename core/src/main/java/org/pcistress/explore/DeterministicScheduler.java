package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.kernel.locking.Task;

/**
 * The explorer's {@link Scheduler}: every task is a real Java thread, but exactly one holds the
 * baton and runs; the others sleep on a condition of their own under one monitor. The baton moves
 * only at a scheduling point ({@link #point}), when the running task sleeps ({@link #block}) and
 * when it exits ({@link #exited}), and a {@link Chooser} picks where it goes. {@code block} ignores
 * its time bound: under the explorer a wait ends only by a grant, and a state in which no task can
 * run while some have not finished is a deadlock, which ends the execution.
 *
 * <p>Phases: during {@link Phase#SETUP} (the scenario's build) and {@link Phase#CHECK} (the final
 * check) tasks run in a fixed order, unexplored and unrecorded; during {@link Phase#RUN} every
 * choice is the chooser's and becomes a {@link Step}.
 */
final class DeterministicScheduler implements Scheduler {
    enum Phase { SETUP, RUN, CHECK }

    private final ReentrantLock monitor = new ReentrantLock();
    private final Condition idle = monitor.newCondition();
    private final List<TaskSlot> slots = new ArrayList<>();
    private final List<TaskSlot> runSlots = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<Carriers.Job> jobs = new ArrayList<>();
    private final Chooser chooser;
    private final int maxSteps;
    private final long stallNanos;
    private final boolean releasePoints;

    private Phase phase = Phase.SETUP;
    private TaskSlot running;
    private Kernel kernel;
    private int reportsSeen;
    private boolean aborted;
    private Finding abortFinding;
    private boolean covered;
    private final List<Finding> crashes = new ArrayList<>(0);

    DeterministicScheduler(Chooser chooser, int maxSteps, long stallNanos, boolean releasePoints) {
        this.chooser = chooser;
        this.releasePoints = releasePoints;
        this.maxSteps = maxSteps;
        this.stallNanos = stallNanos;
    }

    // ---- Scheduler ---------------------------------------------------------------------------

    @Override
    public void point(Task self, Op op, Object target) {
        monitor.lock();
        try {
            TaskSlot s = slot(self);
            throwIfAborted();
            boolean first = s.next == TaskSlot.Next.START;
            s.at(TaskSlot.Next.OP, op, target, self.frame());
            if (first && phase == Phase.RUN && s.lastStep >= 0) {
                // Nothing a task did before its first scheduling point is visible to another task,
                // so its first step goes on into its first operation without a choice.
                steps.get(s.lastStep).firstOp(s);
                return;
            }
            if (op == Op.EXIT) {
                return; // exited() makes the choice, and switching there is free
            }
            if (!releasePoints && phase == Phase.RUN && isRelease(op) && s.lastStep >= 0) {
                // A release is a left mover (Lipton): every schedule that runs others before it
                // is equivalent to one that releases first, so it is no choice point.
                steps.get(s.lastStep).inline(op, target, self.frame());
                return;
            }
            TaskSlot next = pick(s, true);
            if (next == null) {
                throw new ExecutionAborted(abortText());
            }
            handTo(next);
            awaitTurn(s);
        } finally {
            monitor.unlock();
        }
    }

    @Override
    public void lock() {
        monitor.lock();
        if (aborted) {
            monitor.unlock();
            throw new ExecutionAborted(abortText());
        }
    }

    @Override
    public void unlock() {
        if (monitor.isHeldByCurrentThread()) {
            monitor.unlock();
        }
    }

    @Override
    public long block(Task self, long nanos) {
        TaskSlot s = slot(self);
        throwIfAborted();
        s.blocked = true;
        if (phase == Phase.RUN && s.lastStep >= 0) {
            steps.get(s.lastStep).blocks = true;
        }
        s.at(TaskSlot.Next.RESUME, s.op, s.target, s.frame);
        TaskSlot next = pick(s, false);
        if (next == null) {
            throw new ExecutionAborted(abortText());
        }
        handTo(next);
        awaitTurn(s);
        return Math.max(1L, nanos);
    }

    @Override
    public void wake(Task task) {
        slot(task).blocked = false;
    }

    @Override
    public void attached(Task task) {
        monitor.lock();
        try {
            throwIfAborted();
            Thread me = Thread.currentThread();
            TaskSlot outer = running;
            if (outer != null && outer.thread == me) {
                TaskSlot s = register(task, me);
                s.nestedIn = outer;
                outer.suspended = true;
                running = s;
                return;
            }
            if (phase != Phase.RUN) {
                // Setup and check run one task after another: work a previous task queued runs
                // to its end first.
                awaitNobodyRunning(task);
                running = register(task, me);
                return;
            }
            TaskSlot s = register(task, me);
            idle.signalAll();
            awaitTurn(s);
        } finally {
            monitor.unlock();
        }
    }

    @Override
    public void start(Task task, Runnable body) {
        monitor.lock();
        try {
            throwIfAborted();
            TaskSlot s = register(task, null);
            jobs.add(Carriers.start("explore-" + task.name(), () -> runSpawned(s, body)));
        } finally {
            monitor.unlock();
        }
    }

    @Override
    public void exited(Task task) {
        monitor.lock();
        try {
            TaskSlot s = slot(task);
            s.finished = true;
            if (phase == Phase.RUN && s.lastStep >= 0) {
                steps.get(s.lastStep).exits = true;
            }
            if (aborted) {
                return;
            }
            if (s.nestedIn != null) {
                s.nestedIn.suspended = false;
                running = s.nestedIn;
                return;
            }
            TaskSlot next = pick(s, false);
            if (next != null) {
                handTo(next);
            } else if (!aborted) {
                running = null;
                idle.signalAll();
            }
        } finally {
            monitor.unlock();
        }
    }

    // ---- the controller's side ---------------------------------------------------------------

    /** Waits until the scenario's setup left no task running; the explored run starts after. */
    void awaitSetupQuiet() {
        awaitIdle("setup");
    }

    /** Starts the explored run on {@code k}: from here every choice is recorded. */
    void beginRun(Kernel k) {
        monitor.lock();
        try {
            phase = Phase.RUN;
            kernel = k;
            reportsSeen = k.reports().size();
        } finally {
            monitor.unlock();
        }
    }

    /** Starts an actor on a carrier thread and waits until it is registered as the next explored task. */
    void startActor(String name, Runnable body) {
        monitor.lock();
        try {
            int want = runSlots.size() + 1;
            Carriers.Job job = Carriers.start("explore-" + name, () -> {
                try {
                    body.run();
                } finally {
                    actorReturned();
                }
            });
            jobs.add(job);
            long deadline = System.nanoTime() + stallNanos;
            while (runSlots.size() < want && !aborted && !job.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    abort(stalled("actor " + name + " did not attach to the kernel"));
                    break;
                }
                awaitQuietly(idle, left);
            }
        } finally {
            monitor.unlock();
        }
    }

    /** An actor's body returned (possibly without ever entering the kernel). */
    private void actorReturned() {
        monitor.lock();
        try {
            idle.signalAll();
        } finally {
            monitor.unlock();
        }
    }

    /** Makes the first choice, then waits until every explored task has finished or the run ended. */
    void go() {
        monitor.lock();
        try {
            if (!aborted) {
                TaskSlot next = pick(null, false);
                if (next != null) {
                    handTo(next);
                }
            }
        } finally {
            monitor.unlock();
        }
        awaitIdle("run");
    }

    /** Joins every thread of the run (bounded), then enters the final check's phase. */
    void endRun() {
        long deadline = System.nanoTime() + stallNanos;
        List<Carriers.Job> all;
        monitor.lock();
        try {
            all = new ArrayList<>(jobs);
        } finally {
            monitor.unlock();
        }
        for (Carriers.Job j : all) {
            if (!j.awaitDone(deadline)) {
                j.interrupt();
                boolean ended = j.awaitDone(System.nanoTime() + stallNanos / 4);
                monitor.lock();
                try {
                    abort(stalled("a task's thread did not end" + (ended ? " until interrupted" : "")
                            + ": it waits outside the scheduler"));
                } finally {
                    monitor.unlock();
                }
            }
        }
        monitor.lock();
        try {
            phase = Phase.CHECK;
            running = null;
        } finally {
            monitor.unlock();
        }
    }

    List<Step> steps() {
        return steps;
    }

    /** The explored tasks, in index order. */
    List<TaskSlot> runSlots() {
        return runSlots;
    }

    /** Why the execution was ended early, as a failure; {@code null} if it was not, or if it was covered. */
    Finding abortFinding() {
        return covered ? null : abortFinding;
    }

    /** Did the chooser end this execution because the search covered it already? */
    boolean covered() {
        return covered;
    }

    boolean aborted() {
        return aborted;
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

    static boolean isRelease(Op op) {
        return op == Op.UNLOCK || op == Op.READ_UNLOCK || op == Op.COMPLETE;
    }

    // ---- choosing ----------------------------------------------------------------------------

    /** Who runs next; {@code null} when nobody can (all finished, or the execution was ended). */
    private TaskSlot pick(TaskSlot current, boolean currentEnabled) {
        List<TaskSlot> pool = phase == Phase.RUN ? runSlots : slots;
        int n = 0;
        boolean unfinished = false;
        for (TaskSlot s : pool) {
            if (s.enabled()) {
                n++;
            }
            unfinished |= !s.finished;
        }
        if (n == 0) {
            if (unfinished) {
                abort(Stuck.finding(pool));
            }
            return null;
        }
        if (phase != Phase.RUN) {
            if (currentEnabled) {
                return current;
            }
            for (TaskSlot s : pool) {
                if (s.enabled()) {
                    return s;
                }
            }
        }
        noteReports();
        if (steps.size() >= maxSteps) {
            abort(new Finding("STEP_LIMIT", "STEP_LIMIT: more than " + maxSteps + " steps in one execution",
                    "The execution did not end within " + maxSteps + " scheduling steps: a livelock, or a"
                            + " scenario too large for the explorer.\n"));
            return null;
        }
        int[] enabled = new int[n];
        int i = 0;
        for (TaskSlot s : runSlots) {
            if (s.enabled()) {
                enabled[i++] = s.runIndex;
            }
        }
        int cur = currentEnabled ? current.runIndex : -1;
        int c = chooser.choose(new Decision(steps.size(), enabled, cur, runSlots));
        if (c < 0) {
            String why = chooser.divergence();
            covered = why == null;
            abort(new Finding("DIVERGED", "DIVERGED: " + (why == null ? "covered" : why), String.valueOf(why)));
            return null;
        }
        TaskSlot next = runSlots.get(c);
        next.lastStep = steps.size();
        steps.add(new Step(next, cur >= 0 && c != cur));
        return next;
    }

    /** Attributes reports made since the last choice to the step that just ran. */
    private void noteReports() {
        List<org.pcistress.kernel.Report> rs = kernel.reports();
        if (rs.size() > reportsSeen) {
            if (!steps.isEmpty()) {
                steps.get(steps.size() - 1).reports.addAll(rs.subList(reportsSeen, rs.size()));
            }
            reportsSeen = rs.size();
        }
    }

    /** Attributes the reports made by the last step, once the run is over. */
    void noteFinalReports() {
        monitor.lock();
        try {
            if (kernel != null) {
                noteReports();
            }
        } finally {
            monitor.unlock();
        }
    }

    private void handTo(TaskSlot next) {
        running = next;
        next.turn.signal();
    }

    // ---- waiting -----------------------------------------------------------------------------

    private void awaitTurn(TaskSlot s) {
        long deadline = System.nanoTime() + 2 * stallNanos;
        while (running != s) {
            throwIfAborted();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                abort(stalled(s.task + " waited for its turn longer than the stall bound"));
                throw new ExecutionAborted(abortText());
            }
            try {
                s.turn.awaitNanos(left);
            } catch (InterruptedException e) {
                abort(stalled(s.task + " was interrupted"));
                throw new ExecutionAborted(abortText());
            }
        }
        throwIfAborted();
    }

    private void awaitIdle(String what) {
        monitor.lock();
        try {
            long deadline = System.nanoTime() + stallNanos;
            while (!aborted && !(running == null && allFinished())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    abort(stalled("the " + what + " did not finish within " + stallNanos / 1_000_000
                            + " ms: a task waits outside the scheduler"));
                    break;
                }
                awaitQuietly(idle, left);
            }
        } finally {
            monitor.unlock();
        }
    }

    private void awaitNobodyRunning(Task t) {
        long deadline = System.nanoTime() + stallNanos;
        while (running != null) {
            throwIfAborted();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                abort(stalled(t + " could not start: " + running.task + " kept running"));
                throw new ExecutionAborted(abortText());
            }
            awaitQuietly(idle, left);
        }
    }

    private boolean allFinished() {
        for (TaskSlot s : slots) {
            if (!s.finished) {
                return false;
            }
        }
        return true;
    }

    private void runSpawned(TaskSlot s, Runnable body) {
        try {
            monitor.lock();
            try {
                s.thread = Thread.currentThread();
                awaitTurn(s);
            } finally {
                monitor.unlock();
            }
            body.run();
        } catch (ExecutionAborted e) {
            // the execution was ended; the thread unwound
        } catch (RuntimeException | Error e) {
            crashed(s.task.name(), e);
        }
    }

    // ---- ending an execution early -------------------------------------------------------------

    /** Ends the execution: every sleeping thread wakes and throws {@link ExecutionAborted}. Monitor held. */
    private void abort(Finding why) {
        if (aborted) {
            return;
        }
        aborted = true;
        abortFinding = why;
        for (TaskSlot s : slots) {
            s.turn.signal();
        }
        idle.signalAll();
    }

    private void throwIfAborted() {
        if (aborted) {
            throw new ExecutionAborted(abortText());
        }
    }

    private String abortText() {
        return abortFinding == null ? "execution ended" : abortFinding.title();
    }

    private static Finding stalled(String why) {
        return new Finding("STALLED", "STALLED: " + why,
                "The explorer stopped the execution: " + why + ".\nEvery wait of the model must go through"
                        + " its Scheduler; a wait the explorer cannot see would hang it.\n");
    }

    private TaskSlot register(Task task, Thread thread) {
        int runIndex = phase == Phase.RUN ? runSlots.size() : -1;
        TaskSlot s = new TaskSlot(task, monitor.newCondition(), runIndex, thread);
        slots.add(s);
        if (runIndex >= 0) {
            runSlots.add(s);
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

    private static void awaitQuietly(Condition c, long nanos) {
        try {
            c.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
