package org.pcistress.explore;

import java.util.Arrays;
import java.util.List;

/**
 * The happens-before order of one explored execution (Mazurkiewicz): step {@code i} happens
 * before step {@code j} when a chain of program order, causal edges ({@link Step#causes}: a wake, a
 * creation) and dependent steps ({@link Footprint#dependent}) leads from one to the other. Every
 * schedule that keeps this order is the same execution reordered: the same steps, the same reports,
 * the same final state. Kept as vector clocks: {@code clock[j][t]} is the latest step of task
 * {@code t} that happens before {@code j} or is {@code j}.
 *
 * <p>Also what source-DPOR (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014) needs from an execution:
 * its <em>races</em> (two dependent steps of different tasks with no step between them in the order,
 * the second not enabled by the first), and for a race the tasks that can start the reversed order.
 *
 * <p>With {@code orderFailures} two steps that both reported a failure are dependent too: then
 * every schedule that keeps the order has its failures in the same order, so the same first failure
 * (what the plain search reports), and a race between two failures is reversed.
 */
final class HappensBefore {
    private final List<Step> steps;
    private final int[][] clock;
    private final int tasks;

    /** Receives each race: step {@code i} of another task than step {@code j}, reversible. */
    interface RaceSink {
        void race(int i, int j);
    }

    HappensBefore(List<Step> steps, RaceSink sink) {
        this(steps, false, sink);
    }

    HappensBefore(List<Step> steps, boolean orderFailures, RaceSink sink) {
        this.steps = steps;
        int t = 0;
        for (Step s : steps) {
            t = Math.max(t, s.task + 1);
        }
        tasks = t;
        int n = steps.size();
        clock = new int[n][];
        int[] lastOf = new int[tasks];
        Arrays.fill(lastOf, -1);
        int[] preds = new int[n + 8];
        boolean[] failed = new boolean[n];
        for (int j = 0; j < n; j++) {
            failed[j] = orderFailures && steps.get(j).failed();
        }
        for (int j = 0; j < n; j++) {
            Step sj = steps.get(j);
            int[] c = new int[tasks];
            Arrays.fill(c, -1);
            int np = 0;
            if (lastOf[sj.task] >= 0) {
                preds[np++] = lastOf[sj.task];
            }
            for (int k : sj.causes) {
                if (np == preds.length) {
                    preds = Arrays.copyOf(preds, preds.length * 2);
                }
                preds[np++] = k;
            }
            int firstDependent = np;
            for (int i = 0; i < j; i++) {
                Step si = steps.get(i);
                if (si.task != sj.task && ((failed[i] && failed[j]) || si.footprint.dependent(sj.footprint))) {
                    if (np == preds.length) {
                        preds = Arrays.copyOf(preds, preds.length * 2);
                    }
                    preds[np++] = i;
                }
            }
            for (int p = 0; p < np; p++) {
                join(c, clock[preds[p]]);
            }
            c[sj.task] = j;
            clock[j] = c;
            if (sink != null) {
                races(j, preds, np, firstDependent, sink);
            }
            lastOf[sj.task] = j;
        }
    }

    /** The dependent predecessors of {@code j} that no other predecessor of {@code j} comes after. */
    private void races(int j, int[] preds, int np, int firstDependent, RaceSink sink) {
        Step sj = steps.get(j);
        outer:
        for (int a = firstDependent; a < np; a++) {
            int i = preds[a];
            int ti = steps.get(i).task;
            for (int k : sj.causes) {
                if (k == i) {
                    continue outer; // i enabled j: they cannot run the other way round
                }
            }
            for (int b = 0; b < np; b++) {
                int p = preds[b];
                if (p != i && clock[p][ti] >= i) {
                    continue outer; // i reaches j through p: not an immediate race
                }
            }
            sink.race(i, j);
        }
    }

    private static void join(int[] into, int[] from) {
        for (int t = 0; t < from.length; t++) {
            if (from[t] > into[t]) {
                into[t] = from[t];
            }
        }
    }

    /** The latest step of task {@code t} that happens before step {@code j} (or is it), or -1. */
    int latest(int j, int t) {
        return t < clock[j].length ? clock[j][t] : -1;
    }

    /** Does step {@code i} happen before step {@code j} (or is it {@code j})? */
    boolean before(int i, int j) {
        int t = steps.get(i).task;
        return t < clock[j].length && clock[j][t] >= i;
    }

    /**
     * The tasks that can start the reversed race {@code (i, j)} right before step {@code i}: the
     * tasks whose first step among those after {@code i} that do not happen after it (then
     * {@code j}) has no predecessor among them. As a bit set.
     */
    long initials(int i, int j) {
        int ti = steps.get(i).task;
        int[] firstIn = new int[tasks];
        Arrays.fill(firstIn, Integer.MAX_VALUE);
        int[] order = new int[tasks];
        int count = 0;
        for (int k = i + 1; k <= j; k++) {
            Step sk = steps.get(k);
            if (k < j && clock[k][ti] >= i) {
                continue; // happens after i: not part of the reversed order
            }
            if (firstIn[sk.task] == Integer.MAX_VALUE) {
                firstIn[sk.task] = k;
                order[count++] = sk.task;
            }
        }
        long out = 0L;
        for (int x = 0; x < count; x++) {
            int t = order[x];
            int k = firstIn[t];
            boolean initial = true;
            for (int u = 0; u < tasks && initial; u++) {
                if (u != t && u != ti && firstIn[u] != Integer.MAX_VALUE && clock[k][u] >= firstIn[u]) {
                    initial = false;
                }
            }
            if (initial) {
                out |= 1L << t;
            }
        }
        return out;
    }

    /** The steps that happen before step {@code i}, and {@code i}, in execution order: a schedule. */
    int[] closure(int i) {
        int[] out = new int[i + 1];
        int n = 0;
        for (int k = 0; k <= i; k++) {
            if (before(k, i)) {
                out[n++] = steps.get(k).task;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
