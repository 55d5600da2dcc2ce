package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The wait-for graph over sleeping tasks. A cycle can only be closed by a task that starts to
 * wait (a grant never adds an edge between two sleepers), so the detector searches from that task
 * only, under the monitor. The one edge added to a task already asleep, a completer named by
 * {@link Completion#expect} after its waiter slept, is searched from that waiter
 * ({@link Kernel#recheck}).
 *
 * <p>No false positives: every task on a reported cycle is asleep, so it cannot release or take
 * anything while the monitor is held; every edge is read from lock state that only changes under
 * the monitor while someone sleeps on it.
 */
final class WaitForGraph {
    private WaitForGraph() {
    }

    /** One step of a cycle: {@code task} waits, blocked by the next task for {@code what}. */
    record Step(Task task, Waitable on, boolean read, Frame waitAt, List<HeldLock> holds, String blockedBy) {
    }

    /** The cycle through {@code self} (already marked asleep), or {@code null}. Monitor held. */
    static List<Step> cycleThrough(Task self) {
        List<Task> path = new ArrayList<>();
        List<String> why = new ArrayList<>();
        Set<Task> seen = new HashSet<>();
        if (!dfs(self, self, path, why, seen)) {
            return null;
        }
        List<Step> steps = new ArrayList<>(path.size());
        for (int i = 0; i < path.size(); i++) {
            Task t = path.get(i);
            steps.add(new Step(t, t.waitingOn, t.waitRead, t.waitAt, t.heldLocks(), why.get(i)));
        }
        return steps;
    }

    private static boolean dfs(Task at, Task target, List<Task> path, List<String> why, Set<Task> seen) {
        if (!seen.add(at)) {
            return false;
        }
        path.add(at);
        List<Waitable.Edge> edges = new ArrayList<>(2);
        at.waitingOn.blockers(at, edges);
        for (Waitable.Edge e : edges) {
            Task next = e.blocker();
            why.add(e.what());
            if (next == target) {
                return true;
            }
            if (next.isBlocked() && dfs(next, target, path, why, seen)) {
                return true;
            }
            why.remove(why.size() - 1);
        }
        path.remove(path.size() - 1);
        return false;
    }
}
