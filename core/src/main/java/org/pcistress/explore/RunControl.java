package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.Kernel;

/**
 * The explorer thread's side of one execution on a {@link DeterministicScheduler}: wait for the
 * setup to go quiet, start the actors one at a time (so task ids never vary), hand out the baton,
 * wait for the end, join every carrier.
 */
final class RunControl {
    private final DeterministicScheduler s;
    private final Baton baton;

    RunControl(DeterministicScheduler s) {
        this.s = s;
        this.baton = s.baton;
    }

    /** Waits until the scenario's setup left no task running; the explored run starts after. */
    void awaitSetupQuiet() {
        baton.monitor.lock();
        try {
            baton.awaitIdle("setup", this::quiet);
        } finally {
            baton.monitor.unlock();
        }
    }

    /** Starts the explored run on {@code k}: from here every choice is recorded. */
    void beginRun(Kernel k) {
        baton.monitor.lock();
        try {
            s.phase = DeterministicScheduler.Phase.RUN;
            s.kernel = k;
            s.reportsSeen = k.reports().size();
        } finally {
            baton.monitor.unlock();
        }
    }

    /** Starts an actor on a carrier and waits until it is registered as the next explored task. */
    void startActor(String name, Runnable body) {
        baton.monitor.lock();
        try {
            int want = s.runSlots.size() + 1;
            Carriers.Job job = Carriers.start("explore-" + name, () -> {
                try {
                    body.run();
                } finally {
                    actorReturned();
                }
            });
            s.jobs.add(job);
            baton.awaitIdle("start of actor " + name, () -> s.runSlots.size() >= want || job.isDone());
        } finally {
            baton.monitor.unlock();
        }
    }

    /** An actor's body returned (possibly without ever entering the kernel). */
    private void actorReturned() {
        baton.monitor.lock();
        try {
            baton.signalIdle();
        } finally {
            baton.monitor.unlock();
        }
    }

    /** Makes the first choice, then waits until every explored task has finished or the run ended. */
    void go() {
        baton.monitor.lock();
        try {
            if (!baton.aborted) {
                TaskSlot next = s.pick(null, false);
                if (next != null) {
                    s.handTo(next);
                }
            }
            baton.awaitIdle("run", this::quiet);
        } finally {
            baton.monitor.unlock();
        }
    }

    /** Joins every carrier of the run (bounded), then enters the final check's phase. */
    void endRun() {
        long deadline = System.nanoTime() + baton.stallNanos();
        List<Carriers.Job> all;
        baton.monitor.lock();
        try {
            all = new ArrayList<>(s.jobs);
        } finally {
            baton.monitor.unlock();
        }
        for (Carriers.Job j : all) {
            if (!j.awaitDone(deadline)) {
                j.interrupt();
                boolean ended = j.awaitDone(System.nanoTime() + baton.stallNanos() / 4);
                baton.monitor.lock();
                try {
                    baton.abort(Baton.stalled("a task's thread did not end" + (ended ? " until interrupted" : "")
                            + ": it waits outside the scheduler"));
                } finally {
                    baton.monitor.unlock();
                }
            }
        }
        baton.monitor.lock();
        try {
            if (s.kernel != null) {
                Picking.noteReports(s);
            }
            s.phase = DeterministicScheduler.Phase.CHECK;
            baton.running = null;
        } finally {
            baton.monitor.unlock();
        }
    }

    /** Nobody holds the baton and every task has finished. Monitor held. */
    private boolean quiet() {
        if (baton.running != null) {
            return false;
        }
        for (TaskSlot t : s.slots) {
            if (!t.finished) {
                return false;
            }
        }
        return true;
    }

    List<Step> steps() {
        return s.steps;
    }

    /** The explored tasks, in index order. */
    List<TaskSlot> tasks() {
        return s.runSlots;
    }

    /** Why the execution was ended early, as a failure; {@code null} if it was not, or if it was covered. */
    Finding abortFinding() {
        return baton.covered ? null : baton.abortFinding;
    }

    boolean covered() {
        return baton.covered;
    }

    boolean aborted() {
        return baton.aborted;
    }
}
