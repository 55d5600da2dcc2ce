package org.pcistress.explore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The systematic explorer: runs a {@link Scenario} under every schedule within a preemption bound
 * (depth first, replaying prefixes, a fresh model per execution), or under every schedule up to
 * reordering of independent steps ({@link DporSearch}, without a bound), and reports the shortest
 * failing schedule of each kind as a {@link Counterexample}, or that the space was exhausted.
 *
 * <pre>{@code
 * ExploreResult r = Explorer.explore(scenario, ExploreOptions.defaults());
 * System.out.println(r.summary());
 * if (r.failed()) System.out.println(r.shortest().text());
 * Replay again = Explorer.replay(scenario, r.shortest().schedule().compact());
 * }</pre>
 */
public final class Explorer {
    private Explorer() {
    }

    public static ExploreResult explore(Scenario scenario) {
        return explore(scenario, ExploreOptions.defaults());
    }

    /**
     * Searches the schedules of {@code scenario}.
     *
     * @throws IllegalStateException when the scenario is not deterministic (a replayed prefix saw
     *         other runnable tasks than before) or its setup does not finish
     */
    public static ExploreResult explore(Scenario scenario, ExploreOptions o) {
        if (o.dpor()) {
            return DporSearch.run(scenario, o);
        }
        long start = System.nanoTime();
        long deadline = start + o.timeBudget().toNanos();
        Map<String, Counterexample> best = new LinkedHashMap<>();
        Set<String> predictions = new LinkedHashSet<>();
        long executions = 0;
        long covered = 0;
        long failing = 0;
        String stopped = null;
        int first = o.stop() == ExploreOptions.Stop.FIRST && o.preemptionBound() > 0 ? 0 : o.preemptionBound();
        int reached = first;
        boolean cut = true;
        outer:
        for (int bound = first; bound <= Math.max(first, o.preemptionBound()); bound++) {
            reached = bound;
            SearchTree tree = new SearchTree(bound);
            boolean more = true;
            cut = false;
            while (more) {
                stopped = o.spent(executions, deadline);
                if (stopped != null) {
                    break outer;
                }
                tree.begin();
                Execution e = Execution.runReplaying(scenario, tree, o);
                executions++;
                predictions.addAll(e.predictions());
                if (e.covered()) {
                    covered++;
                } else {
                    if (!tree.replayedFully()) {
                        throw new IllegalStateException(scenario.name() + ": the scenario is not deterministic:"
                                + " an execution ended before the schedule prefix it replays");
                    }
                    List<Finding> f = e.findings();
                    if (!f.isEmpty()) {
                        failing++;
                        Counterexample cur = best.get(f.get(0).kind());
                        if (cur == null || e.failureStep() + 1 < cur.length()) {
                            best.put(f.get(0).kind(), Counterexample.of(scenario.name(), e, f));
                        }
                        // a WARN (LOCKING_BUG) the kernel carries on after must not hide what follows it
                        for (var later : e.failuresAfterWarnings().entrySet()) {
                            String kind = later.getKey();
                            Counterexample c = best.get(kind);
                            boolean reported = f.stream().anyMatch(x -> x.kind().equals(kind));
                            if (reported && !kind.equals(f.get(0).kind())
                                    && (c == null || later.getValue() + 1 < c.length())) {
                                best.put(kind, Counterexample.of(scenario.name(), e, f, kind, later.getValue()));
                            }
                        }
                        if (o.stop() == ExploreOptions.Stop.FIRST) {
                            stopped = "first failure";
                            break outer;
                        }
                    }
                }
                more = tree.backtrack();
            }
            cut = tree.boundCut();
            if (!cut) {
                break; // the bound left nothing out: every schedule ran
            }
        }
        return new ExploreResult(scenario.name(), o, executions, covered, failing, System.nanoTime() - start,
                stopped == null, stopped, stopped == null && !cut ? -1 : reached, best, new ArrayList<>(predictions));
    }

    /**
     * {@link #proveOrBound(Scenario, ExploreOptions, long, boolean)} with the proof attempt reduced by
     * DPOR: what the matrix runs.
     */
    public static ExploreResult proveOrBound(Scenario scenario, ExploreOptions o, long proofExecutions) {
        return proveOrBound(scenario, o, proofExecutions, true);
    }

    /**
     * Tries every schedule first, within {@code proofExecutions} executions (a search without a
     * bound: reduced by DPOR when {@code dpor}, else plain); when that search does not finish,
     * searches within {@code o}'s bound with what is left of the time budget. The result is the
     * unbounded one when it finished ({@link ExploreResult#claim()}: proved for all schedules), else
     * the bounded one (which is a proof for all schedules too when its bound left nothing out);
     * both searches' executions and time are counted, and the shortest counterexample of each kind
     * either found is kept. Deterministic but for the time budget.
     */
    public static ExploreResult proveOrBound(Scenario scenario, ExploreOptions o, long proofExecutions, boolean dpor) {
        if (o.preemptionBound() < 0 || proofExecutions <= 0) {
            return explore(scenario, o);
        }
        ExploreOptions unbounded = o.withPreemptionBound(-1).withMaxExecutions(Math.min(proofExecutions, o.maxExecutions()));
        ExploreResult p = explore(scenario, dpor ? unbounded.withDpor() : unbounded);
        if (p.exhausted() || "first failure".equals(p.stopReason())) {
            return p;
        }
        java.time.Duration left = o.timeBudget().minusNanos(p.elapsedNanos());
        if (left.isNegative() || left.isZero()) {
            return p;
        }
        ExploreResult b = explore(scenario, o.withTimeBudget(left));
        Map<String, Counterexample> best = new LinkedHashMap<>(b.counterexamples());
        p.counterexamples().forEach((k, c) -> best.merge(k, c, (x, y) -> y.length() < x.length() ? y : x));
        Set<String> predictions = new LinkedHashSet<>(b.predictions());
        predictions.addAll(p.predictions());
        return new ExploreResult(scenario.name(), o, p.executions() + b.executions(), p.covered() + b.covered(),
                p.failing() + b.failing(), p.elapsedNanos() + b.elapsedNanos(), b.exhausted(), b.stopReason(),
                b.boundReached(), best, new ArrayList<>(predictions));
    }

    /** Replays {@code schedule} (dotted or compact) with the default options. */
    public static Replay replay(Scenario scenario, String schedule) {
        return replay(scenario, Schedule.parse(schedule), ExploreOptions.defaults());
    }

    /**
     * Runs one execution on {@code schedule}; past its end the execution goes on without
     * preemptions.
     *
     * @throws IllegalArgumentException when the schedule names a task that cannot run at its step
     */
    public static Replay replay(Scenario scenario, Schedule schedule, ExploreOptions o) {
        ReplayChooser chooser = new ReplayChooser(schedule);
        Execution e = Execution.run(scenario, chooser, o);
        String div = e.divergence(chooser);
        if (div != null) {
            throw new IllegalArgumentException(scenario.name() + ": " + div);
        }
        List<Finding> f = e.findings();
        String table = TraceTable.render(e.steps(), e.tasks(), e.steps().size() - 1);
        return new Replay(scenario.name(), e.schedule(), f, table,
                f.isEmpty() ? null : Counterexample.of(scenario.name(), e, f));
    }
}
