package org.pcistress.explore;

import java.util.List;
import org.pcistress.kernel.Report;

/**
 * The choice of who runs next on a {@link DeterministicScheduler}: in setup and check the running
 * task goes on, else the first that can run; in the explored run its {@link Chooser} decides and
 * the choice becomes a {@link Step}. Ends the execution when nobody can run while some task has
 * not finished (a deadlock the detector cannot see) and past the step limit. Reports the kernel made
 * since the last choice go to the step that made them ({@link #noteReports}).
 */
final class Picking {
    private Picking() {
    }

    /** Who runs next; {@code null} when nobody can (all finished, or the execution was ended). Monitor held. */
    static TaskSlot pick(DeterministicScheduler d, TaskSlot current, boolean currentEnabled) {
        boolean run = d.phase == DeterministicScheduler.Phase.RUN;
        List<TaskSlot> pool = run ? d.runSlots : d.slots;
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
                d.baton.abort(Stuck.finding(pool));
            }
            return null;
        }
        if (!run) {
            if (currentEnabled) {
                return current;
            }
            for (TaskSlot s : pool) {
                if (s.enabled()) {
                    return s;
                }
            }
        }
        noteReports(d);
        List<Step> steps = d.steps;
        if (steps.size() >= d.maxSteps) {
            d.baton.abort(new Finding("STEP_LIMIT", "STEP_LIMIT: more than " + d.maxSteps + " steps in one execution",
                    "The execution did not end within " + d.maxSteps + " scheduling steps: a livelock, or a"
                            + " scenario too large for the explorer.\n"));
            return null;
        }
        int[] enabled = new int[n];
        int i = 0;
        for (TaskSlot s : d.runSlots) {
            if (s.enabled()) {
                enabled[i++] = s.runIndex;
            }
        }
        int cur = currentEnabled ? current.runIndex : -1;
        int c = d.chooser.choose(new Decision(steps.size(), enabled, cur, steps));
        if (c < 0) {
            String why = d.chooser.divergence();
            d.baton.covered = why == null;
            d.baton.abort(new Finding("DIVERGED", "DIVERGED: " + (why == null ? "covered" : why), String.valueOf(why)));
            return null;
        }
        TaskSlot next = d.runSlots.get(c);
        next.lastStep = steps.size();
        Step step = new Step(next, cur >= 0 && c != cur);
        boolean op = next.next == TaskSlot.Next.OP;
        if (op && next.op == org.pcistress.kernel.locking.Scheduler.Op.READ_LOCK) {
            step.footprint.touchRead(next.target);
        } else if (!op || next.op != org.pcistress.kernel.locking.Scheduler.Op.ACCESS) {
            step.footprint.touch(next.target); // an ACCESS point touches nothing: its accessor declares the field
        }
        step.causes = next.causes.isEmpty() ? Step.NO_CAUSES : next.causes.stream().mapToInt(Integer::intValue).toArray();
        next.causes.clear();
        steps.add(step);
        return next;
    }

    /**
     * The running step read or wrote a model field ({@code Locks.reads}/{@code writes}): called by
     * the running task, without the monitor; recorded only in the explored run.
     */
    static void field(DeterministicScheduler d, Object owner, String field, boolean write) {
        d.baton.monitor.lock();
        try {
            Footprint now = d.baton.aborted ? null : d.current();
            if (now != null && field == null && write) {
                now.touch(owner); // a wait-for edge changed: as a wait on owner would
                now.blocks = true;
            } else if (now != null && field == null) {
                now.touchRead(owner); // its state read: dependent on every operation on it
            } else if (now != null) {
                now.field(owner, field, write);
            }
        } finally {
            d.baton.monitor.unlock();
        }
    }

    /** Attributes reports made since the last choice to the step that just ran. Monitor held. */
    static void noteReports(DeterministicScheduler d) {
        List<Report> rs = d.kernel.reports();
        if (rs.size() > d.reportsSeen) {
            if (!d.steps.isEmpty()) {
                Step last = d.steps.get(d.steps.size() - 1);
                for (Report r : rs.subList(d.reportsSeen, rs.size())) {
                    last.reports.add(r);
                    last.footprint.detects |= r.kind() == org.pcistress.kernel.ReportKind.DEADLOCK;
                }
            }
            d.reportsSeen = rs.size();
        }
    }
}
