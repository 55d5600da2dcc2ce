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
 * The lockdep-style validator (kernel/locking/lockdep.c; Documentation/locking/lockdep-design.rst):
 * it learns which lock classes are taken while which others are held, and reports an order that
 * could deadlock the first time it is seen, whether or not this run deadlocked. Its reports are
 * predictions ({@link org.pcistress.kernel.ReportKind#LOCKDEP_CIRCULAR},
 * {@link org.pcistress.kernel.ReportKind#LOCKDEP_RECURSIVE}), never failures.
 *
 * <h2>What it checks</h2>
 * <ul>
 *   <li>Before every blocking acquisition of {@code next} (never a trylock) the dependencies
 *       {@code prev -> next} are recorded, walking the held stack down from its top: every held
 *       trylocked entry gives one, and the first entry taken by a blocking call gives the last (the
 *       entries below it reached {@code next} through it already). A trylock acquisition itself
 *       records nothing, but once held it gives dependencies to what is taken after it.</li>
 *   <li>Each dependency has a type: {@code prev} held shared (any reader) or exclusive, {@code next}
 *       taken as a recursive reader or not. The model's {@code down_read} is non-recursive, as the
 *       kernel's is. A new dependency that closes a <em>strong</em> cycle (no {@code *R} edge
 *       followed by an {@code S*} edge) is reported as "possible circular locking dependency
 *       detected", with the recorded dependency chain and the unsafe scenario. The edge is
 *       recorded all the same, so {@link #dependencies()} shows every order seen.</li>
 *   <li>Acquiring a class the task already holds is "possible recursive locking detected", a
 *       second non-recursive {@code down_read} included (1e560864159d, pci_bus_sem). Only a
 *       recursive reader over a held reader is allowed.</li>
 *   <li>Classes made with {@link LockClass#novalidate} (the kernel's {@code device_lock}) neither
 *       give nor get dependencies and are never recursive.</li>
 * </ul>
 * Each finding is reported once per validator (by its kind and set of classes), to the kernel of
 * the task that made it; validation goes on afterwards, unlike the kernel's, which turns itself
 * off after its first splat.
 *
 * <h2>Classes</h2>
 * A class is identified by its name: locks of one role made by different kernels share it, so a
 * validator shared across many runs ({@link KernelConfig#withLockdep}) accumulates their orders.
 * Device locks are therefore classed per role, not per device: {@code &dev->mutex/PF},
 * {@code /VF}, {@code /bridge}, {@code /endpoint}. A parent's lock and a child's lock then belong
 * to different classes, and nesting a bridge's lock over its endpoint's is an ordinary
 * dependency, not recursive locking; only two devices of one role nested is.
 *
 * <h2>Cost</h2>
 * A held-lock chain, keyed by {@link #chainKey}, is validated once; afterwards the same chain costs
 * a key computation and a lock-free lookup in the chain cache, with no allocation and no lock.
 * Graph updates, searches and reports run under one lock, so one validator may serve many kernels
 * and threads at once.
 */
public final class Lockdep {
    private final ChainCache chains = new ChainCache();
    private final ReentrantLock graphLock = new ReentrantLock();
    private final LockdepGraph graph = new LockdepGraph();
    private final Set<String> reported = new HashSet<>();
    private volatile long slowValidations;

    /** {@code iterate_chain_key()}: the held-lock chain key extended by one acquisition. */
    static long chainKey(long previous, LockClass cls, boolean read) {
        long k = previous * 0x9E3779B97F4A7C15L + (cls.key() << 1 | (read ? 1 : 0));
        return k ^ (k >>> 29);
    }

    /** Called before a blocking acquisition of {@code lock} by {@code t}; never blocks on model locks. */
    void validate(Task t, KernelLock lock, boolean read) {
        LockClass cls = lock.lockClass();
        if (!cls.validate()) {
            return;
        }
        long key = chainKey(t.topChainKey(), cls, read);
        if (!chains.contains(key)) {
            validateSlow(t, lock, read ? LockdepGraph.READ : LockdepGraph.WRITE, key);
        }
    }

    /** How many acquisitions missed the chain cache and were validated against the graph. */
    public long slowValidations() {
        return slowValidations;
    }

    /** How many distinct held-lock chains have been validated. */
    public int chains() {
        graphLock.lock();
        try {
            return chains.size();
        } finally {
            graphLock.unlock();
        }
    }

    /** Every dependency recorded so far, one line each: {@code A -> B [EN] first by t1/1 at f → g}. */
    public List<String> dependencies() {
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

    /** {@code validate_chain()}: the recursion check, then the new dependencies. Graph lock held. */
    private List<Report> check(Task t, KernelLock lock, int mode) {
        Node next = graph.node(lock.lockClass().name());
        next.usage |= mode == LockdepGraph.WRITE ? LockdepGraph.USED_WRITE : LockdepGraph.USED_READ;
        List<Report> found = null;
        for (int i = t.heldDepth() - 1; i >= 0; i--) {
            HeldLock h = t.heldAt(i);
            LockClass c = h.lock().lockClass();
            if (!c.validate() || !c.name().equals(next.name)) {
                continue;
            }
            if (mode == LockdepGraph.RECURSIVE_READ && h.read()) {
                return null; // a recursive reader over a reader: allowed, and adds no dependency
            }
            if (reported.add("recursive:" + next.name)) {
                found = new ArrayList<>(1);
                found.add(LockdepReports.recursive(graph, t, h, lock, mode));
            }
            return found;
        }
        for (int i = t.heldDepth() - 1; i >= 0; i--) {
            HeldLock h = t.heldAt(i);
            if (!h.lock().lockClass().validate()) {
                continue;
            }
            Report r = addDependency(t, h, next, lock, mode);
            if (r != null) {
                if (found == null) {
                    found = new ArrayList<>(1);
                }
                found.add(r);
            }
            if (!h.trylock()) {
                break;
            }
        }
        return found;
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
            r = LockdepReports.circular(graph, t, h, lock, mode, path);
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
