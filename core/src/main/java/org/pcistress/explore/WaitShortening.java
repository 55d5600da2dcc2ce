package org.pcistress.explore;

import java.util.Arrays;
import java.util.List;

/**
 * Shortens a counterexample DPOR found when it merged granted waits ({@link GrantedWait}): the run
 * DPOR explored may sleep in a wait that a shorter run passes without sleeping, one step fewer (the
 * wait and the step going on from it become one), and the reversal that would have moved another
 * task's last step after the failure was not made. Each such step is tried: the schedule without
 * it is replayed, and kept when it shows the same failure at its last step. Then the steps that happen before that failure are
 * tried as well, as {@link DporSearch} does for every counterexample. Every replay is a real
 * execution, checked, and counted.
 */
final class WaitShortening {
    /** Does {@code e} show the failure at its step {@code last}? */
    interface Shows {
        boolean at(Execution e, int last);
    }

    /** A run and the index of its failing step. */
    record Run(Execution execution, int at) {
        int length() {
            return at + 1;
        }
    }

    private final Scenario scenario;
    private final ExploreOptions o;
    private final boolean orderFailures;
    private long replays;

    WaitShortening(Scenario scenario, ExploreOptions o, boolean orderFailures) {
        this.scenario = scenario;
        this.o = o;
        this.orderFailures = orderFailures;
    }

    /** The replays run so far. */
    long replays() {
        return replays;
    }

    /**
     * The waits before the failure at step {@code at} that slept where a shorter run may not: granted
     * before the failure, or (unless the failure is a deadlock, whose cycle is made of sleeping
     * waits) still asleep at it. Each may save a step; none, and there is nothing to shorten.
     */
    static int mergeable(List<Step> steps, int at) {
        boolean cycle = steps.get(at).footprint.detects;
        int n = 0;
        for (int i = 0; i < at; i++) {
            if (!GrantedWait.sleptOnMergeable(steps.get(i))) {
                continue;
            }
            int resume = GrantedWait.resumeOf(steps, i);
            if (GrantedWait.grantOf(steps, i) >= 0 && resume <= at || !cycle && (resume < 0 || resume > at)) {
                n++;
            }
        }
        return n;
    }

    /** The shortest run found from {@code start} by letting its granted waits pass without sleeping. */
    Run shorten(Run start, Shows shows) {
        Run best = start;
        boolean improved = true;
        while (improved) {
            improved = false;
            List<Step> steps = best.execution().steps();
            int[] prefix = Arrays.copyOf(best.execution().schedule().toArray(), best.length());
            for (int i = 0; i < best.at() && !improved; i++) {
                if (!candidate(steps, i, best.at())) {
                    continue;
                }
                int[] without = new int[prefix.length - 1];
                System.arraycopy(prefix, 0, without, 0, i);
                System.arraycopy(prefix, i + 1, without, i, prefix.length - i - 1);
                Run r = tryRun(without, shows);
                if (r != null) {
                    best = closure(r, shows);
                    improved = true;
                }
            }
        }
        return best;
    }

    /**
     * Step {@code i} is worth leaving out: a wait that slept and was granted before the failure at
     * step {@code at} (the task goes on from its next turn, where the wait now passes), or the last
     * step before the failure of another task than the failing one (it then runs after the failure;
     * the merged run may keep it before the failure only because the wait-for detector's step is
     * ordered after every task's exit and sleep).
     */
    private static boolean candidate(List<Step> steps, int i, int at) {
        if (GrantedWait.grantOf(steps, i) >= 0 && GrantedWait.resumeOf(steps, i) <= at) {
            return true;
        }
        int t = steps.get(i).task;
        if (t == steps.get(at).task) {
            return false;
        }
        int next = GrantedWait.resumeOf(steps, i);
        return next < 0 || next > at;
    }

    /** The steps that happen before {@code r}'s failure, replayed, when that is shorter and shows it. */
    private Run closure(Run r, Shows shows) {
        int[] c = new HappensBefore(r.execution().steps(), orderFailures, null).closure(r.at());
        if (c.length >= r.length()) {
            return r;
        }
        Run s = tryRun(c, shows);
        return s == null ? r : s;
    }

    private Run tryRun(int[] schedule, Shows shows) {
        Execution e = Execution.run(scenario, new ReplayChooser(Schedule.of(schedule)), o);
        replays++;
        int last = schedule.length - 1;
        if (e.steps().size() <= last || !shows.at(e, last)) {
            return null;
        }
        for (int k = 0; k <= last; k++) {
            if (e.steps().get(k).task != schedule[k]) {
                return null;
            }
        }
        return new Run(e, last);
    }
}
