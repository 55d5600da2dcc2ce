package org.pcistress.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelBug;

/**
 * One explored execution: build the scenario afresh, start each actor's thread (one at a time,
 * so task ids are the same every time), hand out the baton, wait until every task finished or the
 * execution was ended, join every thread, then collect what failed.
 */
final class Execution {
    /** A KernelBug that ended an actor, if it was not in the kernel's reports already. */
    private final List<Report> escaped = new ArrayList<>(0);

    private final Scenario scenario;
    private final ExploreOptions options;
    private DeterministicScheduler sched;
    private RunControl run;
    private Setup setup;
    private int runReportsFrom;

    private Execution(Scenario scenario, ExploreOptions options) {
        this.scenario = scenario;
        this.options = options;
    }

    /** Runs one execution under {@code chooser}. */
    static Execution run(Scenario scenario, Chooser chooser, ExploreOptions options) {
        Execution e = new Execution(scenario, options);
        e.execute(chooser);
        return e;
    }

    private void execute(Chooser chooser) {
        sched = new DeterministicScheduler(chooser, options.maxSteps(), options.stallNanos(), options.releasePoints());
        run = new RunControl(sched);
        try {
            setup = scenario.build(sched);
        } catch (ExecutionAborted e) {
            throw new IllegalStateException("scenario " + scenario.name() + ": its setup did not finish: "
                    + e.getMessage());
        }
        run.awaitSetupQuiet();
        if (run.aborted()) {
            throw new IllegalStateException("scenario " + scenario.name() + ": its setup did not finish: "
                    + run.abortFinding());
        }
        Kernel kernel = setup.kernel();
        List<Report> broken = kernel.failures();
        if (!broken.isEmpty()) {
            throw new SetupFailed(scenario.name(), Finding.of(broken.get(0)));
        }
        runReportsFrom = kernel.reports().size();
        run.beginRun(kernel);
        for (Actor a : setup.actors()) {
            run.startActor(a.name(), () -> runActor(kernel, a));
        }
        run.go();
        run.endRun();
    }

    private void runActor(Kernel kernel, Actor a) {
        try {
            if (a.attaching()) {
                a.body().run();
            } else {
                kernel.call(a.name(), () -> {
                    a.body().run();
                    return null;
                });
            }
        } catch (ExecutionAborted e) {
            // ended by the explorer
        } catch (KernelBug bug) {
            synchronized (escaped) {
                escaped.add(bug.report());
            }
        } catch (RuntimeException | Error e) {
            sched.crashed(a.name(), e);
        }
    }

    /** Did the search end this execution because it covered it already? */
    boolean covered() {
        return run.covered();
    }

    /**
     * {@link #run} that also checks the execution replayed {@code chooser}'s schedule prefix as it
     * was recorded: a scenario that does not is not deterministic, and the search stops there.
     */
    static Execution runReplaying(Scenario scenario, Chooser chooser, ExploreOptions options) {
        Execution e = run(scenario, chooser, options);
        String div = e.divergence(chooser);
        if (div != null) {
            throw new IllegalStateException(scenario.name() + ": " + div);
        }
        return e;
    }

    /** The chooser's divergence message, or {@code null}. */
    String divergence(Chooser chooser) {
        return run.aborted() && !run.covered() && chooser.divergence() != null ? chooser.divergence() : null;
    }

    List<Step> steps() {
        return run.steps();
    }

    List<TaskSlot> tasks() {
        return run.tasks();
    }

    /**
     * What failed, in this order: the kernel's failure reports, KernelBugs that escaped an actor
     * without a report, crashes of the model, why the explorer ended the execution, and the final
     * check. The final check runs only when nothing failed before it: after the detector broke a
     * deadlock by unwinding one task, the state is one the real kernel never reaches.
     */
    List<Finding> findings() {
        Set<Report> reports = new LinkedHashSet<>(setup.kernel().failures());
        synchronized (escaped) {
            reports.addAll(escaped);
        }
        List<Finding> out = new ArrayList<>();
        for (Report r : reports) {
            out.add(Finding.of(r));
        }
        out.addAll(sched.crashes());
        Finding abort = run.abortFinding();
        if (abort != null) {
            out.add(abort);
        }
        if (out.isEmpty() && !run.covered()) {
            out.addAll(setup.check().check());
        }
        return out;
    }

    /**
     * Lockdep's predictions in this execution (reports that are not failures), by title, up to the
     * first deadlock or hung task: a real kernel stops there, while the model unwinds one task of
     * the cycle and runs on, and what the others do next (a probe kworker that finds its PF no
     * longer being probed, say) is not something the kernel could do.
     */
    List<String> predictions() {
        List<String> out = new ArrayList<>(0);
        List<Report> all = setup.kernel().reports();
        for (Report r : all.subList(runReportsFrom, all.size())) {
            if (r.kind() == ReportKind.DEADLOCK || r.kind() == ReportKind.HUNG_TASK) {
                break;
            }
            if (!r.kind().isFailure()) {
                out.add(r.title());
            }
        }
        return out;
    }

    /** The step at which the first failure showed: the step that made a failing report, else the last. */
    int failureStep() {
        List<Step> steps = run.steps();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).failed()) {
                return i;
            }
        }
        return steps.size() - 1;
    }

    /**
     * Failures that showed after only warnings: the first step of each failure kind reported while
     * every failure before it was a {@code LOCKING_BUG} (a lockdep assert or a misused primitive,
     * a WARN the kernel carries on after), by kind, in step order. A failure that unwinds a task
     * (a deadlock broken by the detector, a BUG) ends the list: what follows it is a state the
     * kernel never reaches. The first failure is among them when it is a step's report.
     */
    Map<String, Integer> failuresAfterWarnings() {
        Map<String, Integer> out = new LinkedHashMap<>();
        List<Step> steps = run.steps();
        for (int i = 0; i < steps.size(); i++) {
            for (Report r : steps.get(i).reports) {
                if (!r.kind().isFailure()) {
                    continue;
                }
                out.putIfAbsent(r.kind().name(), i);
                if (r.kind() != ReportKind.LOCKING_BUG) {
                    return out;
                }
            }
        }
        return out;
    }

    /** The schedule that ran, one entry per step. */
    Schedule schedule() {
        List<Step> steps = run.steps();
        int[] s = new int[steps.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = steps.get(i).task;
        }
        return Schedule.of(s);
    }

    int preemptions() {
        int n = 0;
        for (Step s : run.steps()) {
            n += s.preemption ? 1 : 0;
        }
        return n;
    }
}
