package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * What the two stateless searches ({@link SearchTree}, {@link SourceDpor}) share: the path of
 * choice points to the node being explored, replayed at the start of every execution and checked
 * against what the execution offers, then extended by the search's own rule ({@link #extend}).
 *
 * @param <N> the search's choice point
 */
abstract class SchedulePath<N extends SchedulePath.Point> implements Chooser {

    /** A choice point of the path: who could run, who was running, what was chosen. */
    static class Point {
        final int[] enabled;
        final int current;
        final int preemptionsBefore;
        int chosen;
        /** The tasks explored from here so far, as bits. */
        long done;

        Point(int[] enabled, int current, int preemptionsBefore) {
            this.enabled = enabled;
            this.current = current;
            this.preemptionsBefore = preemptionsBefore;
        }

        /** A choice of another task where the running one could go on is a preemption. */
        int cost(int choice) {
            return current >= 0 && choice != current ? 1 : 0;
        }

        int preemptionsAfter() {
            return preemptionsBefore + cost(chosen);
        }
    }

    final List<N> path = new ArrayList<>();
    int depth;
    private String divergence;

    /** Before each execution. */
    void begin() {
        depth = 0;
        divergence = null;
    }

    /** After an execution that was not ended by a divergence: did it replay the whole path? */
    boolean replayedFully() {
        return depth >= path.size();
    }

    @Override
    public final int choose(Decision d) {
        d.checkTaskCount();
        if (depth < path.size()) {
            N n = path.get(depth);
            divergence = d.divergenceFrom(depth, n.enabled, n.current);
            if (divergence != null) {
                return -1;
            }
            depth++;
            return n.chosen;
        }
        return extend(d);
    }

    /** A choice past the replayed path: the search's own rule. */
    abstract int extend(Decision d);

    @Override
    public String divergence() {
        return divergence;
    }
}
