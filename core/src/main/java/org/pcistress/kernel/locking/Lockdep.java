package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

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
 * <h2>Hand-offs: work items and completions</h2>
 * A dependency can run through another task. {@code flush_work()} (so {@code work_on_cpu()})
 * acquires and releases the work's {@code lockdep_map} under whatever the flusher holds, and the
 * kworker holds the same map while the work function runs ({@code process_one_work()},
 * kernel/workqueue.c, v4.14–v6.19): a flusher holding A and a work taking B give A -&gt; work -&gt; B,
 * so a cycle that closes through a kworker is predicted from runs that never overlap
 * ({@link LockdepMap}). Completions get the same treatment in the pcistress flavour only: a waiter
 * depends on the completion, and the completion on every lock its expected completer takes before
 * completing it (the kernel's cross-release did this from v4.14-rc1 until its revert in v4.15).
 *
 * <h2>Flavours</h2>
 * One validator can watch a run as pcistress does and as the kernel's lockdep would
 * ({@link LockdepFlavor}), each flavour with its own graph, chain cache and reports; a kernel-flavour
 * report's title says so ({@code LOCKDEP_CIRCULAR (kernel lockdep): …}).
 *
 * <h2>Cost</h2>
 * A held-lock chain, keyed by {@link #chainKey}, is validated once; afterwards the same chain costs
 * a key computation and a lock-free lookup in the chain cache, with no allocation and no lock.
 * Graph updates, searches and reports run under one lock, so one validator may serve many kernels
 * and threads at once.
 */
public final class Lockdep {
    private final List<LockdepView> views;

    /** The pcistress flavour alone. */
    public Lockdep() {
        this(LockdepFlavor.PCISTRESS);
    }

    private Lockdep(LockdepFlavor... flavours) {
        if (flavours.length == 0) {
            throw new IllegalArgumentException("a validator needs at least one flavour");
        }
        List<LockdepView> v = new ArrayList<>(flavours.length);
        for (LockdepFlavor f : new LinkedHashSet<>(List.of(flavours))) {
            v.add(new LockdepView(f));
        }
        this.views = List.copyOf(v);
    }

    /** A validator with these flavours, each with its own graph; reports come in this order. */
    public static Lockdep of(LockdepFlavor... flavours) {
        return new Lockdep(flavours);
    }

    /** The flavours this validator runs, in order. */
    public List<LockdepFlavor> flavours() {
        List<LockdepFlavor> out = new ArrayList<>(views.size());
        for (LockdepView v : views) {
            out.add(v.flavour);
        }
        return out;
    }

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
        long key = chainKey(t.topChainKey() ^ t.owedKey(), cls, read);
        for (LockdepView v : views) {
            v.validate(t, lock, read, key);
        }
    }

    /** How many acquisitions missed the chain cache of the first flavour and were validated against its graph. */
    public long slowValidations() {
        return views.get(0).slowValidations();
    }

    /** How many distinct held-lock chains the first flavour has validated. */
    public int chains() {
        return views.get(0).chains();
    }

    /** Every dependency the first flavour recorded, one line each: {@code A -> B [EN] first by t1/1 at f → g}. */
    public List<String> dependencies() {
        return views.get(0).dependencies();
    }

    /** Every dependency {@code flavour} recorded; empty when this validator does not run it. */
    public List<String> dependencies(LockdepFlavor flavour) {
        for (LockdepView v : views) {
            if (v.flavour == flavour) {
                return v.dependencies();
            }
        }
        return List.of();
    }
}
