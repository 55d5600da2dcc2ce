package org.pcistress.stress.shared;

import org.pcistress.model.PciCore;
import org.pcistress.model.Topology;
import org.pcistress.model.profile.Profile;

/**
 * One jcstress sample of the PCI model: a core booted fresh for the sample, under the jcstress
 * kernel configuration ({@link Outcomes#config()}). The actors drive only {@link PciCore#entry()};
 * the arbiter calls {@link #outcome()}, which waits for the sample's workers (boundedly) and runs
 * the model's integrity checks.
 */
public abstract class ModelSample {
    protected final PciCore core;

    protected ModelSample(Profile profile, Topology topology) {
        this.core = PciCore.boot(profile, topology, Outcomes.config());
    }

    /** The sample's outcome word: {@code OK} or the most severe failure the model found. */
    protected String outcome() {
        return Outcomes.of(core.finish());
    }
}
