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
 *
 * <p><b>Within a preemption bound</b> (bounded DPOR, after Coons, Musuvathi and McKinley, "Bounded
 * partial-order reduction", OOPSLA 2013; the rule below is derived for this search, see
 * docs/EXPLORER.md) a choice costs what it costs in {@link SearchTree} (another task where the
 * running one could go on: one preemption; after a block or an exit: free), and no node explores a
 * choice that would take its schedule past the bound. The bound makes steps that commute dependent
 * through what they cost, so two rules are added to source-DPOR's:
 * <ul>
 *   <li>where every choice is free (after a block or an exit, and at the start), every task that
 *       can run is explored, as the plain search does: the equivalent schedule DPOR would run
 *       instead may start with a task that then costs a preemption to leave;</li>
 *   <li>whenever reversing a race costs a preemption (it puts a task in the middle of another's
 *       run), the same task is also added where that run began, a switch already paid for or
 *       free: the bounded schedule that needs the reversal may have spent its preemption there
 *       (or every task that can run there, when that one cannot).</li>
 * </ul>
 * Sleep sets stay, with one condition and one more dependence: a task explored from a node sleeps
 * in a later sibling's subtree only when the schedule that runs its step first, from that node,
 * costs no more than the sibling's ({@link #moveCostsNoMore}); and two steps that both failed are
 * dependent there, as in the bounded search's order ({@link HappensBefore}).
 */
final class SourceDpor extends SchedulePath<SourceDpor.Node> {
    static final int MAX_TASKS = Decision.MAX_TASKS;

    static final class Node extends SchedulePath.Point {
        final long sleep;
        /** The footprint of each task's step from this node: tasks explored here and sleeping ones. */
        final Footprint[] footprints;
        long backtrack;
        /** Tasks whose step from this node blocked or exited: after it, they could not go on. */
        long endsRun;

        Node(int[] enabled, int current, int preemptionsBefore, long sleep, Footprint[] footprints) {
            super(enabled, current, preemptionsBefore);
            this.sleep = sleep;
            this.footprints = footprints;
        }

        long runnable() {
            long out = 0L;
            for (int e : enabled) {
                out |= bit(e);
            }
            return out;
        }
    }

    /** The preemption bound, or {@link Integer#MAX_VALUE} for none. */
    private final int bound;
    private final boolean bounded;
    /** Did the bound ever keep a choice from being explored? If not, the bound was no limit. */
    private boolean boundCut;
    /** Leave a granted wait's race with its grant unreversed ({@link GrantedWait}). */
    private final boolean mergeGrants;
    /** Names of the locks and completions whose granted waits were merged so far. */
    private final java.util.Set<String> merged = new java.util.HashSet<>();
    /** Names of the locks and completions some step looked at without waiting ({@code PEEK}). */
    private final java.util.Set<String> peeked = new java.util.HashSet<>();

    /**
     * @param bound       the preemption bound, or a negative number for none
     * @param mergeGrants leave each granted wait's race with its grant unreversed ({@link GrantedWait})
     */
    SourceDpor(int bound, boolean mergeGrants) {
        this.bounded = bound >= 0;
        this.bound = bounded ? bound : Integer.MAX_VALUE;
        this.mergeGrants = mergeGrants;
    }

    /**
     * Did a step look without waiting at an object whose granted waits were merged? Then the merge
     * may have hidden what it saw, and the search must start again without it.
     */
    boolean mergeInvalid() {
        for (String n : merged) {
            if (peeked.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the bound kept any choice from being explored so far. */
    boolean boundCut() {
        return boundCut;
    }

    @Override
    int extend(Decision d) {
        Footprint[] fps = new Footprint[MAX_TASKS];
        long sleep = 0L;
        int pre = depth == 0 ? 0 : path.get(depth - 1).preemptionsAfter();
        if (depth > 0) {
            // The parent's sleeping and explored tasks whose step commutes with the one just taken.
            Node parent = path.get(depth - 1);
            Footprint taken = d.trace.get(depth - 1).footprint.copy(); // by name, as the kept ones
            boolean takenFailed = bounded && d.trace.get(depth - 1).failed();
            long candidates = (parent.sleep | parent.done) & ~bit(parent.chosen);
            for (long m = candidates; m != 0; m &= m - 1) {
                int u = Long.numberOfTrailingZeros(m);
                if (bounded && (parent.sleep & bit(u)) == 0 && !moveCostsNoMore(parent, u)) {
                    continue; // the equivalent schedule that runs u first may cost more than this one
                }
                Footprint f = parent.footprints[u];
                if (f != null && !f.dependent(taken) && !(takenFailed && f.failed)) {
                    sleep |= bit(u);
                    fps[u] = f;
                }
            }
        }
        Node n = new Node(d.enabled, d.current, pre, sleep, fps);
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
        // within a bound, where every choice is free, each is explored: see the class comment
        n.backtrack = bounded && d.current < 0 ? n.runnable() : bit(first);
        path.add(n);
        depth++;
        return first;
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
                Footprint f = steps.get(k).footprint.copy();
                f.failed = steps.get(k).failed();
                node.footprints[node.chosen] = f;
            }
            Step s = steps.get(k);
            if (s.blocks || s.exits) {
                node.endsRun |= bit(node.chosen);
            }
        }
        List<Step> explored = steps.size() > n ? steps.subList(0, n) : steps;
        if (mergeGrants) {
            for (Step s : steps) {
                if (s.op == org.pcistress.kernel.locking.Scheduler.Op.TRYLOCK) {
                    peeked.add(Footprint.name(s.target)); // a trylock looks without waiting
                }
                if (s.footprint.peeks != null) {
                    for (Object o : s.footprint.peeks) {
                        peeked.add(Footprint.name(o));
                    }
                }
            }
        }
        List<int[]> races = new ArrayList<>();
        HappensBefore hb = new HappensBefore(explored, bounded, (i, j) -> races.add(new int[] {i, j}));
        for (int[] r : races) {
            if (mergeGrants && GrantedWait.grants(explored, r[0], r[1])) {
                String name = Footprint.name(explored.get(r[0]).target);
                if (!peeked.contains(name)) {
                    merged.add(name);
                    continue; // the wait passing without sleeping is the same run: see GrantedWait
                }
            }
            Node node = path.get(r[0]);
            long initials = hb.initials(r[0], r[1]) & node.runnable();
            if (initials == 0) {
                continue;
            }
            int tj = explored.get(r[1]).task;
            long fresh = initials & ~node.sleep;
            long from = fresh != 0 ? fresh : initials;
            long pick = (from & bit(tj)) != 0 ? bit(tj) : Long.lowestOneBit(from);
            long have = initials & node.backtrack;
            if (have == 0) {
                node.backtrack |= pick;
                have = pick;
            }
            boolean free = node.current < 0 || (have & bit(node.current)) != 0;
            if (bounded && !free) {
                conservative(explored, r[0], Long.numberOfTrailingZeros((have & pick) != 0 ? pick : have));
            }
        }
        return hb;
    }

    /**
     * Bounded only: task {@code p} should run before step {@code i}, which costs a preemption there;
     * adds it where the run of steps ending at step {@code i - 1} began (a switch made already, or
     * the start), or, when {@code p} cannot run there, every task that can.
     */
    private void conservative(List<Step> steps, int i, int p) {
        int c = i - 1;
        while (c > 0 && steps.get(c - 1).task == steps.get(c).task) {
            c--;
        }
        if (c < 0) {
            return;
        }
        Node at = path.get(c);
        long runnable = at.runnable();
        at.backtrack |= (runnable & bit(p)) != 0 ? bit(p) : runnable;
    }

    /** Moves to the next schedule; {@code false} when every class of schedules (within the bound) has run. */
    boolean backtrack() {
        while (!path.isEmpty()) {
            Node n = path.get(path.size() - 1);
            long left = n.backtrack & ~n.done & ~n.sleep;
            while (left != 0) {
                int alt = Long.numberOfTrailingZeros(left);
                left &= ~bit(alt);
                n.done |= bit(alt);
                if (n.preemptionsBefore + n.cost(alt) > bound) {
                    boundCut = true;
                    continue;
                }
                n.chosen = alt;
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    /**
     * Within a bound: may task {@code u}, explored from {@code n} already, sleep in the subtree of
     * {@code n}'s current choice? A schedule of that subtree that runs u's (independent) step later
     * is equivalent to one that runs it first, from {@code n}; that one must not cost more. It does
     * not when u was the running task at {@code n} (running it first is free, the explored choice
     * paid a preemption), or when u's step ends its run (blocks or exits: no preemption to leave
     * it) and the explored choice was not the running task (choosing u there costs no more).
     */
    private static boolean moveCostsNoMore(Node n, int u) {
        if (n.current == u) {
            return true;
        }
        return (n.endsRun & bit(u)) != 0 && n.current != n.chosen;
    }

    private static long bit(int task) {
        return 1L << task;
    }
}
