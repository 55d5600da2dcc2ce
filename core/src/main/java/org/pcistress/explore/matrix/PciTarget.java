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
import org.pcistress.model.PciCore;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * The PCI model under one profile spec, as a {@link MatrixTarget}: each cell boots a fresh
 * {@link PciCore} per execution in a state both entries can act on ({@link BootState}), races the
 * entry points, and ends with {@link PciCore#finish()}'s integrity checks. One lockdep validator is
 * shared by all executions of a cell, so it learns every lock order any explored schedule took.
 */
public final class PciTarget implements MatrixTarget {
    private final String spec;
    private final Profile profile;

    /** @throws IllegalArgumentException for an unknown profile or fix */
    public PciTarget(String spec) {
        this(spec, Profiles.named(spec));
    }

    /** {@code profile}, built by the caller (a base with a derived lock change), shown as {@code spec}. */
    public PciTarget(String spec, Profile profile) {
        this.profile = profile;
        this.spec = spec.trim();
    }

    @Override
    public String spec() {
        return spec;
    }

    @Override
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (PciEntry e : PciEntry.values()) {
            out.add(e.entry());
        }
        return out;
    }

    /**
     * The state for a cell: the baseline (PF bound, VFs enabled), changed by the second entry's
     * needs, then the first's, so the first entry wins a conflict; then made consistent.
     */
    public static BootState stateFor(List<PciEntry> cell) {
        BootState s = BootState.baseline();
        for (int i = cell.size() - 1; i >= 0; i--) {
            s = cell.get(i).needs(s);
        }
        return s.normalized();
    }

    @Override
    public CellPlan plan(List<Entry> cell) {
        List<PciEntry> es = new ArrayList<>();
        for (Entry e : cell) {
            PciEntry p = PciEntry.byId(e.id());
            if (p == null) {
                throw new IllegalArgumentException("unknown entry point '" + e.id() + "'");
            }
            es.add(p);
        }
        BootState state = stateFor(es);
        return new CellPlan(scenario(es, state), state.describe());
    }

    /** The scenario racing {@code entries} from {@code state}. */
    public Scenario scenario(List<PciEntry> entries, BootState state) {
        String name = spec + ":" + String.join("+", entries.stream().map(PciEntry::id).toList());
        Lockdep shared = new Lockdep();
        KernelConfig config = KernelConfig.defaults().withLockdep(shared);
        return Scenario.of(name, sched -> {
            Kernel kernel = new Kernel(config, sched);
            PciCore core = state.boot(profile, kernel);
            List<Actor> actors = new ArrayList<>();
            for (PciEntry e : entries) {
                actors.add(Actor.attaching(e.id(), () -> e.entryPoint().run(core)));
            }
            return new Setup(kernel, actors, () -> integrity(core));
        });
    }

    /** The failures {@link PciCore#finish()} adds: list corruption, freed devices still listed, leaked VFs. */
    private static List<Finding> integrity(PciCore core) {
        int before = core.kernel().reports().size();
        List<Report> all = core.finish().reports();
        List<Finding> out = new ArrayList<>();
        for (Report r : all.subList(Math.min(before, all.size()), all.size())) {
            if (r.kind().isFailure()) {
                out.add(Finding.of(r));
            }
        }
        return out;
    }
}
