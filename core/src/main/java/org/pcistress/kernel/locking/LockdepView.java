package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.locking.LockdepGraph.Edge;
import org.pcistress.kernel.locking.LockdepGraph.Node;

/**
 * One flavour of the validator ({@link LockdepFlavor}): its chain cache, dependency graph and the
 * findings it reported. {@link Lockdep} runs one view per flavour over the same acquisitions.
 */
final class LockdepView {
    final LockdepFlavor flavour;
    private final ChainCache chains = new ChainCache();
    private final ReentrantLock graphLock = new ReentrantLock();
    private final LockdepGraph graph = new LockdepGraph();
    private final Set<String> reported = new HashSet<>();
    private volatile long slowValidations;

    LockdepView(LockdepFlavor flavour) {
        this.flavour = flavour;
    }

    void validate(Task t, KernelLock lock, boolean read, long key) {
        if (!lock.lockClass().validatedBy(flavour) || chains.contains(key)) {
            return;
        }
        validateSlow(t, lock, read ? LockdepGraph.READ : LockdepGraph.WRITE, key);
    }

    long slowValidations() {
        return slowValidations;
    }

    int chains() {
        graphLock.lock();
        try {
            return chains.size();
        } finally {
            graphLock.unlock();
        }
    }

    List<String> dependencies() {
        graphLock.lock();
        try {
            return List.copyOf(graph.describe());
        } finally {
            graphLock.unlock();
        }
    }

    private void validateSlow(Task t, KernelLock lock, int mode, long key) {
        List<Report> found = null;
        graphLock.lock();
        try {
            if (chains.contains(key)) {
                return; // another task validated the same chain meanwhile
            }
            slowValidations++;
            found = check(t, lock, mode);
            chains.add(key);
        } finally {
            graphLock.unlock();
        }
        if (found != null) {
            for (Report r : found) {
                t.kernel().report(r);
            }
        }
    }

    private boolean validates(HeldLock h) {
        return h.lock().lockClass().validatedBy(flavour);
    }

    /** {@code validate_chain()}: the recursion check, then the new dependencies. Graph lock held. */
    private List<Report> check(Task t, KernelLock lock, int mode) {
        Node next = graph.node(lock.lockClass().name());
        next.usage |= mode == LockdepGraph.WRITE ? LockdepGraph.USED_WRITE : LockdepGraph.USED_READ;
        List<Report> found = null;
        for (int i = t.heldDepth() - 1; i >= 0; i--) {
            HeldLock h = t.heldAt(i);
            if (!validates(h) || !h.lock().lockClass().name().equals(next.name)) {
                continue;
            }
            if (mode == LockdepGraph.RECURSIVE_READ && h.read()) {
                return null; // a recursive reader over a reader: allowed, and adds no dependency
            }
            if (reported.add("recursive:" + next.name)) {
                found = new ArrayList<>(1);
                found.add(LockdepReports.recursive(flavour, graph, t, h, lock, mode));
            }
            return found;
        }
        boolean bottom = true;
        for (int i = t.heldDepth() - 1; i >= 0; i--) {
            HeldLock h = t.heldAt(i);
            if (!validates(h)) {
                continue;
            }
            found = add(found, addDependency(t, h, next, lock, mode));
            if (!h.trylock()) {
                bottom = false;
                break;
            }
        }
        if (bottom) {
            // completions this task owes sit below its whole held stack (cross-release)
            for (HeldLock owed : t.owedCompletions()) {
                if (validates(owed)) {
                    found = add(found, addDependency(t, owed, next, lock, mode));
                }
            }
        }
        return found;
    }

    private static List<Report> add(List<Report> found, Report r) {
        if (r == null) {
            return found;
        }
        List<Report> out = found == null ? new ArrayList<>(1) : found;
        out.add(r);
        return out;
    }

    /** {@code check_prev_add()}: records {@code prev -> next}; a report if it closes a new strong cycle. */
    private Report addDependency(Task t, HeldLock h, Node next, KernelLock lock, int mode) {
        Node prev = graph.node(h.lock().lockClass().name());
        int prevMode = h.read() ? LockdepGraph.READ : LockdepGraph.WRITE;
        int kind = LockdepGraph.kind(prevMode, mode);
        if (graph.has(prev, next, kind)) {
            return null;
        }
        Report r = null;
        List<Edge> path = graph.strongPath(next, mode == LockdepGraph.RECURSIVE_READ, prev,
                prevMode != LockdepGraph.WRITE);
        if (path != null && reported.add(cycleKey(prev, path))) {
            r = LockdepReports.circular(flavour, graph, t, h, lock, mode, path);
        }
        graph.add(prev, next, kind, t.frame(), t.toString(), prevMode, mode);
        return r;
    }

    /** The finding's identity: its kind and the set of classes on the cycle. */
    private static String cycleKey(Node prev, List<Edge> path) {
        TreeSet<String> names = new TreeSet<>();
        names.add(prev.name);
        for (Edge e : path) {
            names.add(e.from.name);
            names.add(e.to.name);
        }
        return "circular:" + String.join("\u0000", names);
    }
}
