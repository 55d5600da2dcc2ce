package org.pcistress.explore;

/**
 * Depth-first search over schedules with a preemption bound (Musuvathi and Qadeer's iterative
 * context bounding, as in CHESS, written from the idea). The tree is stateless: each execution
 * replays the path to the node being explored, then extends it with free choices (the running task
 * goes on; after a block or an exit, the lowest-numbered runnable task). After the execution,
 * {@link #backtrack} moves to the deepest node with an untried alternative within the bound.
 *
 * <p>A choice at a point where the running task could go on, of another task, is a preemption and
 * costs one; a choice after a block or an exit is free. No reduction: every schedule within the
 * bound runs ({@link SourceDpor} is the reduced search, without a bound). A search that finished
 * without the bound ever leaving out an alternative ({@link #boundCut}) ran every schedule.
 */
final class SearchTree extends SchedulePath<SearchTree.Node> {
    private static final int MAX_TASKS = Decision.MAX_TASKS;

    static final class Node extends SchedulePath.Point {
        long todo;

        Node(int[] enabled, int current, int preemptionsBefore) {
            super(enabled, current, preemptionsBefore);
        }
    }

    private final int bound;
    /** Did the bound ever leave out a schedule? If not, an exhausted search ran every schedule. */
    private boolean boundCut;

    /** @param bound the preemption bound, or a negative number for none */
    SearchTree(int bound) {
        this.bound = bound < 0 ? Integer.MAX_VALUE : bound;
    }

    @Override
    int extend(Decision d) {
        int pre = depth == 0 ? 0 : path.get(depth - 1).preemptionsAfter();
        Node n = new Node(d.enabled, d.current, pre);
        int first = d.defaultChoice();
        n.chosen = first;
        n.done = bit(first);
        for (int e : d.enabled) {
            if (e != first) {
                if (pre + n.cost(e) <= bound) {
                    n.todo |= bit(e);
                } else {
                    boundCut = true;
                }
            }
        }
        path.add(n);
        depth++;
        return first;
    }

    /** Whether the bound left out any schedule so far: when it never did, the bound was no limit. */
    boolean boundCut() {
        return boundCut;
    }

    /** Moves to the next schedule; {@code false} when the tree is exhausted. */
    boolean backtrack() {
        while (!path.isEmpty()) {
            Node n = path.get(path.size() - 1);
            if (n.todo != 0) {
                int alt = Long.numberOfTrailingZeros(n.todo);
                n.todo &= ~bit(alt);
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
