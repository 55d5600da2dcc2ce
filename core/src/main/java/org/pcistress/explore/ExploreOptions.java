package org.pcistress.explore;

import java.time.Duration;

/**
 * How far and how long to search.
 *
 * @param preemptionBound at most this many preemptions per schedule; negative for no bound
 * @param stop            stop at the first failure, or search everything and keep the shortest
 * @param maxExecutions   the execution budget
 * @param timeBudget      the wall-clock budget
 * @param maxSteps        the longest execution, in steps, before it counts as a livelock
 * @param dpor            dynamic partial-order reduction: one schedule per class of equivalent ones
 *                        (without a bound, source-DPOR with sleep sets; within a bound, bounded DPOR);
 *                        opt-in, see {@link #withDpor()}
 * @param stall           how long one execution may take before the explorer declares it stalled
 * @param releasePoints   make unlocks and completes choice points too (off by default: a release is a
 *                        left mover, so switching before one adds schedules but no behaviour)
 * @param mergeGrantedWaits DPOR only: a mutex or completion wait that slept until another task's
 *                        step granted it counts as the same run as the wait coming after that step
 *                        and not sleeping ({@link GrantedWait}); on by default
 */
public record ExploreOptions(int preemptionBound, Stop stop, long maxExecutions, Duration timeBudget,
                             int maxSteps, boolean dpor, Duration stall, boolean releasePoints,
                             boolean mergeGrantedWaits) {

    /** When the search ends. */
    public enum Stop {
        /** At the first failing schedule, searching 0 preemptions, then 1, … up to the bound. */
        FIRST,
        /** After the whole space within the bound (or the budget); the shortest counterexample per kind. */
        MINIMAL
    }

    public ExploreOptions {
        if (maxExecutions < 1 || maxSteps < 1 || timeBudget.isNegative() || timeBudget.isZero()
                || stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("budgets must be positive");
        }
    }

    /** Two preemptions, first failure, a million executions, 60 s, 20 000 steps, 10 s stall. */
    public static ExploreOptions defaults() {
        return new ExploreOptions(2, Stop.FIRST, 1_000_000L, Duration.ofSeconds(60), 20_000, false,
                Duration.ofSeconds(10), false, true);
    }

    public ExploreOptions withPreemptionBound(int bound) {
        return new ExploreOptions(bound, stop, maxExecutions, timeBudget, maxSteps, dpor, stall, releasePoints, mergeGrantedWaits);
    }

    public ExploreOptions withStop(Stop s) {
        return new ExploreOptions(preemptionBound, s, maxExecutions, timeBudget, maxSteps, dpor, stall, releasePoints, mergeGrantedWaits);
    }

    public ExploreOptions withMaxExecutions(long n) {
        return new ExploreOptions(preemptionBound, stop, n, timeBudget, maxSteps, dpor, stall, releasePoints, mergeGrantedWaits);
    }

    public ExploreOptions withTimeBudget(Duration d) {
        return new ExploreOptions(preemptionBound, stop, maxExecutions, d, maxSteps, dpor, stall, releasePoints, mergeGrantedWaits);
    }

    public ExploreOptions withMaxSteps(int n) {
        return new ExploreOptions(preemptionBound, stop, maxExecutions, timeBudget, n, dpor, stall, releasePoints, mergeGrantedWaits);
    }

    /**
     * The same bound, reduced by DPOR ({@link SourceDpor}): one schedule per class of equivalent
     * ones; within a preemption bound, one of every class that has a schedule within the bound
     * (bounded DPOR). Sound only for a model whose steps share state through the objects they name
     * (locks, completions) or through marked accesses; see docs/EXPLORER.md.
     */
    public ExploreOptions withDpor() {
        return new ExploreOptions(preemptionBound, stop, maxExecutions, timeBudget, maxSteps, true, stall, releasePoints, mergeGrantedWaits);
    }

    /** Unlocks and completes as choice points too: more schedules, the same behaviours. */
    public ExploreOptions withReleasePoints(boolean on) {
        return new ExploreOptions(preemptionBound, stop, maxExecutions, timeBudget, maxSteps, dpor, stall, on, mergeGrantedWaits);
    }

    /** DPOR: merge each granted wait with the wait that does not sleep ({@code false}: reverse those races too). */
    public ExploreOptions withMergeGrantedWaits(boolean on) {
        return new ExploreOptions(preemptionBound, stop, maxExecutions, timeBudget, maxSteps, dpor, stall, releasePoints, on);
    }

    long stallNanos() {
        return stall.toNanos();
    }

    /** {@code "≤2 preemptions"} or {@code "unbounded"}. */
    public String boundText() {
        return (preemptionBound < 0 ? "unbounded"
                : "\u2264" + preemptionBound + " preemption" + (preemptionBound == 1 ? "" : "s")) + (dpor ? " (DPOR)" : "");
    }

    /**
     * Why a search that ran {@code executions} and must end by {@code deadline} ({@link System#nanoTime()})
     * stops now: {@code execution budget}, {@code time budget}, or null to go on.
     */
    String spent(long executions, long deadline) {
        if (executions >= maxExecutions) {
            return "execution budget";
        }
        return System.nanoTime() - deadline > 0 ? "time budget" : null;
    }
}
