package org.pcistress.explore.matrix;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.explore.Actor;
import org.pcistress.explore.Finding;
import org.pcistress.explore.Scenario;
import org.pcistress.explore.Setup;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Lockdep;
import org.pcistress.kernel.locking.LockdepFlavor;
import org.pcistress.model.entry.BootState;
import org.pcistress.model.entry.Trigger;
import org.pcistress.model.entry.Triggers;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.change.ProfileSpecs;

/**
 * The PCI model under one profile spec, as a {@link MatrixTarget}: each cell boots a fresh
 * {@link PciSystem} per execution in a state both entries can act on ({@link BootState}), races the
 * entry points, and ends with {@link PciSystem#finish()}'s integrity checks. One lockdep validator is
 * shared by all executions of a cell, so it learns every lock order any explored schedule took.
 */
public final class PciTarget implements MatrixTarget {
    private final String spec;
    private final Profile profile;
    private final List<LockdepFlavor> lockdep;

    /** With the pcistress lockdep flavour. @throws IllegalArgumentException for an unknown profile or fix */
    public PciTarget(String spec) {
        this(spec, List.of(LockdepFlavor.PCISTRESS));
    }

    /** The model under a profile built in code (a changed kernel, a test's broken profile), pcistress lockdep. */
    public PciTarget(Profile profile) {
        this(profile.name(), profile, List.of(LockdepFlavor.PCISTRESS));
    }

    /**
     * @param lockdep the validator flavours that watch every execution: pcistress's, the kernel's, or
     *                both side by side (a kernel-flavour prediction's title says "(kernel lockdep)")
     * @throws IllegalArgumentException for an unknown profile or fix, a bad lock change file, or no flavour
     */
    public PciTarget(String spec, List<LockdepFlavor> lockdep) {
        this(spec, ProfileSpecs.named(spec), lockdep);
    }

    /** {@code profile}, built by the caller (a base with a derived lock change), shown as {@code spec}. */
    public PciTarget(String spec, Profile profile, List<LockdepFlavor> lockdep) {
        if (lockdep.isEmpty()) {
            throw new IllegalArgumentException("no lockdep flavour");
        }
        this.profile = profile;
        this.spec = spec.trim();
        this.lockdep = List.copyOf(lockdep);
    }

    /** A profile built in code (a lock change under test), named {@code spec}, with pcistress's lockdep. */
    public PciTarget(String spec, Profile profile) {
        this.profile = profile;
        this.spec = spec;
        this.lockdep = List.of(LockdepFlavor.PCISTRESS);
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public boolean kernelLockdepWatched() {
        return lockdep.contains(LockdepFlavor.KERNEL);
    }

    /** The lockdep flavours that watch each execution. */
    public List<LockdepFlavor> lockdep() {
        return lockdep;
    }

    @Override
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Trigger e : Triggers.matrix()) {
            out.add(entry(e));
        }
        return out;
    }

    /** {@code e} as a matrix row and column. */
    public static Entry entry(Trigger e) {
        return new Entry(e.id(), e.title());
    }

    /**
     * The state for a cell: the baseline (PF bound, VFs enabled), changed by the second entry's
     * needs, then the first's, so the first entry wins a conflict; then made consistent.
     */
    public static BootState stateFor(List<? extends Trigger> cell) {
        BootState s = BootState.baseline();
        for (int i = cell.size() - 1; i >= 0; i--) {
            s = cell.get(i).needs(s);
        }
        return s.normalized();
    }

    @Override
    public CellPlan plan(List<Entry> cell) {
        List<Trigger> es = new ArrayList<>();
        for (Entry e : cell) {
            Trigger p = Triggers.byId(e.id());
            if (p == null || !p.inMatrix()) {
                throw new IllegalArgumentException("unknown entry point '" + e.id() + "'");
            }
            es.add(p);
        }
        BootState state = stateFor(es);
        return new CellPlan(scenario(es, state), state.describe());
    }

    /** The scenario racing {@code entries} from {@code state}. */
    public Scenario scenario(List<? extends Trigger> entries, BootState state) {
        String name = spec + ":" + String.join("+", entries.stream().map(Trigger::id).toList());
        Lockdep shared = Lockdep.of(lockdep.toArray(LockdepFlavor[]::new));
        KernelConfig config = KernelConfig.defaults().withLockdep(shared);
        return Scenario.of(name, sched -> {
            Kernel kernel = new Kernel(config, sched);
            PciSystem sys = state.boot(profile, kernel);
            List<Actor> actors = new ArrayList<>();
            for (Trigger e : entries) {
                actors.add(Actor.attaching(e.id(), () -> e.run(sys)));
            }
            return new Setup(kernel, actors, () -> integrity(sys));
        });
    }

    /**
     * The failures {@link PciSystem#finish()} adds: list corruption, freed devices still listed,
     * leaked VFs. The matrix's final check, for harnesses of one's own.
     */
    public static List<Finding> integrity(PciSystem sys) {
        int before = sys.kernel().reports().size();
        List<Report> all = sys.finish().reports();
        List<Finding> out = new ArrayList<>();
        for (Report r : all.subList(Math.min(before, all.size()), all.size())) {
            if (r.kind().isFailure()) {
                out.add(Finding.of(r));
            }
        }
        return out;
    }
}
