package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * Source-DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, "Optimal dynamic partial order
 * reduction", POPL 2014, Algorithm 1; written from the paper): a stateless search over schedules
 * without a preemption bound that runs at least one schedule of every class of equivalent ones
 * (the same steps, dependent steps in the same order: {@link HappensBefore}), so every reachable
 * failure, deadlock and final state is reached.
 *
 * <p>Each execution replays the path to the node being explored, then goes on with free choices
 * (the running task, else the lowest one that can run), skipping tasks in the node's sleep set.
 * After it, {@link #learn} finds the execution's races; for a race {@code (i, j)} the node before
 * step {@code i} must explore one of the tasks that can start the reversed order, unless one of
 * them is in its backtrack set already. {@link #backtrack} moves to the deepest node with a task
 * left to explore. Sleep sets: a task explored from a node sleeps in its later siblings' subtrees
 * while the steps taken there are independent of its own; an execution whose every runnable task
 * sleeps is ended ("covered"): an equivalent one ran.
 */
final class SourceDpor implements Chooser {
    static final int MAX_TASKS = Decision.MAX_TASKS;

    private static final class Node {
        final int[] enabled;
        final int current;
        final long sleep;
        /** The footprint of each task's step from this node: tasks explored here and sleeping ones. */
        final Footprint[] footprints;
        int chosen;
        long done;
        long backtrack;

        Node(int[] enabled, int current, long sleep, Footprint[] footprints) {
            this.enabled = enabled;
            this.current = current;
            this.sleep = sleep;
            this.footprints = footprints;
        }
    }

    private final List<Node> path = new ArrayList<>();
    private int depth;
    private String divergence;

    void begin() {
        depth = 0;
        divergence = null;
    }

    boolean replayedFully() {
        return depth >= path.size();
    }

    @Override
    public int choose(Decision d) {
        d.checkTaskCount();
        if (depth < path.size()) {
            Node n = path.get(depth);
            divergence = d.divergenceFrom(depth, n.enabled, n.current);
            if (divergence != null) {
                return -1;
            }
            depth++;
            return n.chosen;
        }
        Footprint[] fps = new Footprint[MAX_TASKS];
        long sleep = 0L;
        if (depth > 0) {
            // The parent's sleeping and explored tasks whose step commutes with the one just taken.
            Node parent = path.get(depth - 1);
            Footprint taken = d.trace.get(depth - 1).footprint.copy(); // by name, as the kept ones
            long candidates = (parent.sleep | parent.done) & ~bit(parent.chosen);
            for (long m = candidates; m != 0; m &= m - 1) {
                int u = Long.numberOfTrailingZeros(m);
                Footprint f = parent.footprints[u];
                if (f != null && !f.dependent(taken)) {
                    sleep |= bit(u);
                    fps[u] = f;
                }
            }
        }
        Node n = new Node(d.enabled, d.current, sleep, fps);
        int first = -1;
        if (d.current >= 0 && (sleep & bit(d.current)) == 0) {
            first = d.current;
        } else {
            for (int e : d.enabled) {
                if ((sleep & bit(e)) == 0) {
                    first = e;
                    break;
                }
            }
        }
        if (first < 0) {
            return -1; // every runnable task sleeps: an equivalent execution ran already
        }
        n.chosen = first;
        n.done = bit(first);
        n.backtrack = bit(first);
        path.add(n);
        depth++;
        return first;
    }

    @Override
    public String divergence() {
        return divergence;
    }

    /**
     * After an execution: keeps each step's footprint at its node (for the sleep sets of later
     * siblings) and adds, for each race, a task to the backtrack set of the node before it.
     * Returns the execution's order, for the failures it shows.
     */
    HappensBefore learn(List<Step> steps) {
        int n = Math.min(steps.size(), path.size());
        for (int k = 0; k < n; k++) {
            Node node = path.get(k);
            if (node.footprints[node.chosen] == null) {
                node.footprints[node.chosen] = steps.get(k).footprint.copy();
            }
        }
        List<Step> explored = steps.size() > n ? steps.subList(0, n) : steps;
        List<int[]> races = new ArrayList<>();
        HappensBefore hb = new HappensBefore(explored, (i, j) -> races.add(new int[] {i, j}));
        for (int[] r : races) {
            Node node = path.get(r[0]);
            long runnable = 0L;
            for (int e : node.enabled) {
                runnable |= bit(e);
            }
            long initials = hb.initials(r[0], r[1]) & runnable;
            if (initials == 0 || (initials & node.backtrack) != 0) {
                continue;
            }
            int tj = explored.get(r[1]).task;
            long fresh = initials & ~node.sleep;
            long from = fresh != 0 ? fresh : initials;
            node.backtrack |= (from & bit(tj)) != 0 ? bit(tj) : Long.lowestOneBit(from);
        }
        return hb;
    }

    /** Moves to the next schedule; {@code false} when every class of schedules has run. */
    boolean backtrack() {
        while (!path.isEmpty()) {
            Node n = path.get(path.size() - 1);
            long left = n.backtrack & ~n.done & ~n.sleep;
            if (left != 0) {
                int alt = Long.numberOfTrailingZeros(left);
                n.chosen = alt;
                n.done |= bit(alt);
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static long bit(int task) {
        return 1L << task;
    }
}
