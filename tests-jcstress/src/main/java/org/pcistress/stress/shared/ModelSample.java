package org.pcistress.stress.shared;

import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;

/**
 * One jcstress sample of the PCI model: a core booted fresh for the sample, under the jcstress
 * kernel configuration ({@link Outcomes#config()}). The actors drive only {@link PciSystem#entry()};
 * the arbiter calls {@link #outcome()}, which waits for the sample's workers (boundedly) and runs
 * the model's integrity checks.
 */
public abstract class ModelSample {
    protected final PciSystem sys;

    protected ModelSample(Profile profile, Topology topology) {
        this.sys = PciSystem.boot(profile, topology, Outcomes.config());
    }

    /** A system the sample booted itself (from a {@code BootState}, on a kernel with {@link Outcomes#config()}). */
    protected ModelSample(PciSystem sys) {
        this.sys = sys;
    }

    /** The sample's outcome word: {@code OK} or the most severe failure the model found. */
    protected String outcome() {
        return Outcomes.of(sys.finish());
    }
}
