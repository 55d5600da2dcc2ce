package org.pcistress.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The explorer's search reduced by {@link SourceDpor}: one execution per class of equivalent
 * schedules, so a finished search covers every schedule; within a preemption bound (bounded DPOR),
 * one execution within the bound per class that has a schedule within the bound, so it covers what
 * the plain bounded search covers.
 *
 * <p>Each execution stands for all its reorderings, so its failures are read the way the plain
 * search would see them over those reorderings: a failure at step {@code i} is a <em>first</em>
 * failure (the verdict's kind) when no failure other than a warning ({@code LOCKING_BUG}) happens
 * before it, and its shortest schedule is the steps that happen before it, in order. That schedule
 * is replayed to render the counterexample, so its table, length and preemptions are those of a
 * real execution.
 *
 * <p>Within a bound, failures are read as the plain search reads them: the execution's first
 * failure, and failures after warnings only. Two failing steps are dependent there
 * ({@link HappensBefore}), so every reordering an execution stands for has the same first failure.
 * Its counterexample is the execution up to the failure, or, when shorter, the steps that happen
 * before the failure, replayed, if that schedule stays within the bound.
 */
final class DporSearch {
    private final Scenario scenario;
    private final ExploreOptions o;
    private final Map<String, Counterexample> best = new LinkedHashMap<>();
    private final Set<String> predictions = new LinkedHashSet<>();
    private long executions;
    private long covered;
    private long failing;
    /** Merging granted waits ({@link GrantedWait}): as asked, until a look without waiting undoes it. */
    private boolean merging;
    /** Shortens counterexamples through granted waits, when merging. */
    private final WaitShortening shortening;
    /** The search tree being explored ({@link #runTree}). */
    private SourceDpor tree;

    private DporSearch(Scenario scenario, ExploreOptions o) {
        this.scenario = scenario;
        this.o = o;
        this.merging = o.mergeGrantedWaits();
        this.shortening = new WaitShortening(scenario, o, o.preemptionBound() >= 0);
    }

    /** Every execution run: the search's and the replays that checked and shortened its counterexamples. */
    private long executions() {
        return executions + shortening.replays();
    }

    /**
     * After a step looked without waiting at an object whose granted waits were merged: the search
     * starts again with every race reversed. The counterexamples found stay (each is a real run).
     */
    private SourceDpor undoMerge(int bound) {
        merging = false;
        covered = 0;
        failing = 0;
        return new SourceDpor(bound, false);
    }

    static ExploreResult run(Scenario scenario, ExploreOptions o) {
        return o.preemptionBound() >= 0 ? new DporSearch(scenario, o).searchBounded() : new DporSearch(scenario, o).search();
    }

    /** Bounded DPOR: bounds 0, 1, … for {@code FIRST} (as the plain search), else the bound at once. */
    private ExploreResult searchBounded() {
        long start = System.nanoTime();
        long deadline = start + o.timeBudget().toNanos();
        int first = o.stop() == ExploreOptions.Stop.FIRST ? 0 : o.preemptionBound();
        int reached = first;
        boolean cut = true;
        String stopped = null;
        for (int bound = first; bound <= o.preemptionBound() && stopped == null; bound++) {
            reached = bound;
            stopped = runTree(bound, deadline);
            cut = tree.boundCut();
            if (stopped == null && !cut) {
                break; // the bound kept nothing out
            }
        }
        return new ExploreResult(scenario.name(), o, executions(), covered, failing, System.nanoTime() - start,
                stopped == null, stopped, stopped == null && !cut ? -1 : reached, best, new ArrayList<>(predictions));
    }

    private ExploreResult search() {
        long start = System.nanoTime();
        String stopped = runTree(-1, start + o.timeBudget().toNanos());
        return new ExploreResult(scenario.name(), o, executions(), covered, failing, System.nanoTime() - start,
                stopped == null, stopped, -1, best, new ArrayList<>(predictions));
    }

    /**
     * Runs one search tree ({@code bound} preemptions, or none when negative) to its end, reading
     * each execution's failures as that search reads them; starts it again without merging when a
     * look without waiting undid the merge ({@link #undoMerge}). The tree it ended with is
     * {@link #tree}. Returns why it stopped early ({@code execution budget}, {@code time budget},
     * {@code first failure}), or {@code null} when every class ran.
     */
    private String runTree(int bound, long deadline) {
        tree = new SourceDpor(bound, merging);
        while (true) {
            String spent = o.spent(executions(), deadline);
            if (spent != null) {
                return spent;
            }
            tree.begin();
            Execution e = Execution.runReplaying(scenario, tree, o);
            executions++;
            if (!e.covered() && !tree.replayedFully()) {
                throw new IllegalStateException(scenario.name() + ": the scenario is not deterministic:"
                        + " an execution ended before the schedule prefix it replays");
            }
            predictions.addAll(e.predictions());
            HappensBefore hb = tree.learn(e.steps());
            if (tree.mergeInvalid()) {
                tree = undoMerge(bound);
                continue;
            }
            if (e.covered()) {
                covered++;
            } else if ((bound >= 0 ? boundedFailures(e, hb, bound) : failures(e, hb))
                    && o.stop() == ExploreOptions.Stop.FIRST) {
                return "first failure";
            }
            if (!tree.backtrack()) {
                return null;
            }
        }
    }

    /** The plain search's reading of {@code e}'s failures, each shortened where the bound allows; did it fail? */
    private boolean boundedFailures(Execution e, HappensBefore hb, int bound) {
        List<Finding> f = e.findings();
        if (f.isEmpty()) {
            return false;
        }
        failing++;
        String first = f.get(0).kind();
        offer(first, e, f, e.failureStep(), hb, bound);
        for (var later : e.failuresAfterWarnings().entrySet()) {
            String kind = later.getKey();
            if (!kind.equals(first) && f.stream().anyMatch(x -> x.kind().equals(kind))) {
                offer(kind, e, f, later.getValue(), hb, bound);
            }
        }
        return true;
    }

    private void offer(String kind, Execution e, List<Finding> f, int at, HappensBefore hb, int bound) {
        Counterexample c = best.get(kind);
        int have = c == null ? Integer.MAX_VALUE : c.length();
        boolean atStep = at >= 0 && e.steps().get(at).failed();
        int saving = merging && atStep ? WaitShortening.mergeable(e.steps(), at) : 0;
        WaitShortening.Run run = null;
        if (atStep) {
            int[] closure = hb.closure(at);
            if (closure.length < at + 1 && closure.length - saving < have) {
                Execution r = replayed(e, kind, at, closure);
                if (r.preemptions() <= bound) {
                    run = new WaitShortening.Run(r, closure.length - 1);
                }
            }
        }
        if (run == null) {
            if (at + 1 - saving >= have) {
                return;
            }
            run = new WaitShortening.Run(e, at);
        }
        if (saving > 0) {
            run = shortening.shorten(run, (x, last) -> {
                Integer shown = x.failuresAfterWarnings().get(kind);
                return shown != null && shown == last && x.preemptions() <= bound;
            });
        }
        if (run.length() < have) {
            best.put(kind, counterexample(run, e, f, kind));
        }
    }

    /** {@code run} as the counterexample of {@code kind}: {@code e} itself, or a replay of part of it. */
    private Counterexample counterexample(WaitShortening.Run run, Execution e, List<Finding> f, String kind) {
        Execution r = run.execution();
        List<Finding> rf = r == e ? f : r.findings();
        return rf.get(0).kind().equals(kind) && (r == e || r.failureStep() == run.at())
                ? Counterexample.of(scenario.name(), r, rf) : Counterexample.of(scenario.name(), r, rf, kind, run.at());
    }

    /** The steps before a failure, replayed: it must show the same failure at its last step. */
    private Execution replayed(Execution e, String kind, int at, int[] closure) {
        Execution r = Execution.run(scenario, new ReplayChooser(Schedule.of(closure)), o);
        executions++; // counted: the plain search would not have run it
        int last = closure.length - 1;
        List<Finding> rf = r.findings();
        Integer shown = r.failuresAfterWarnings().get(kind);
        if (rf.isEmpty() || shown == null || shown != last) {
            throw new IllegalStateException(scenario.name() + ": the reordered schedule " + Schedule.of(closure).compact()
                    + " does not show " + kind + " at step " + (last + 1) + " as " + e.schedule().compact()
                    + " does at step " + (at + 1) + ": the dependence relation misses an interaction");
        }
        return r;
    }

    /** Keeps the shortest counterexample of each first failure of {@code e}; did it fail? */
    private boolean failures(Execution e, HappensBefore hb) {
        List<Finding> f = e.findings();
        if (f.isEmpty()) {
            return false;
        }
        failing++;
        List<Step> steps = e.steps();
        boolean atSteps = false;
        for (int k = 0; k < steps.size(); k++) {
            List<String> kinds = FirstFailures.kinds(steps, hb, k);
            atSteps |= steps.get(k).failed();
            int saving = kinds.isEmpty() || !merging ? 0 : WaitShortening.mergeable(steps, k);
            for (String kind : kinds) {
                int[] closure = hb.closure(k);
                Counterexample c = best.get(kind);
                if (c == null || closure.length - saving < c.length()) {
                    Counterexample x = shortest(e, f, kind, k, closure, saving > 0);
                    if (c == null || x.length() < c.length()) {
                        best.put(kind, x);
                    }
                }
            }
        }
        if (!atSteps) {
            // a failure at the end (no task can run, the final check, a crash): the whole execution
            Counterexample c = best.get(f.get(0).kind());
            if (c == null || e.failureStep() + 1 < c.length()) {
                best.put(f.get(0).kind(), Counterexample.of(scenario.name(), e, f));
            }
        }
        return true;
    }

    /**
     * The counterexample of {@code kind} at step {@code k} of {@code e}, shortened to the steps that
     * happen before it (replayed, since the shortened schedule is another execution) and, when
     * {@code waits}, by letting its granted waits pass without sleeping ({@link WaitShortening}).
     */
    private Counterexample shortest(Execution e, List<Finding> f, String kind, int k, int[] closure, boolean waits) {
        WaitShortening.Run run = new WaitShortening.Run(e, k);
        if (closure.length < k + 1) {
            Execution r = Execution.run(scenario, new ReplayChooser(Schedule.of(closure)), o);
            int at = closure.length - 1;
            if (!FirstFailures.shows(r, at, kind)) {
                throw new IllegalStateException(scenario.name() + ": the reordered schedule " + Schedule.of(closure).compact()
                        + " does not show " + kind + " at step " + (at + 1) + " as " + e.schedule().compact()
                        + " does at step " + (k + 1) + ": the dependence relation misses an interaction");
            }
            run = new WaitShortening.Run(r, at);
        }
        if (waits) {
            run = shortening.shorten(run, (x, last) -> FirstFailures.shows(x, last, kind));
        }
        Execution r = run.execution();
        return Counterexample.of(scenario.name(), r, r == e ? f : r.findings(), kind, run.at());
    }
}
