package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/** Boot must stay cheap: a jcstress sample boots one core per sample. A coarse guard, not a benchmark. */
class BootCostTest {

    @Test
    void bootOfTheStandardTopologyIsSmall() {
        Profile p = Profiles.named("v6.19+revert");
        for (int i = 0; i < 20_000; i++) { // warm-up
            PciCore.boot(p, Topology.standard());
        }
        int n = 20_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            PciCore.boot(p, Topology.standard());
        }
        long perBoot = (System.nanoTime() - t0) / n;
        System.out.println("boot of the standard topology: " + perBoot + " ns");
        assertTrue(perBoot < 1_000_000, "boot took " + perBoot + " ns"); // loose: shared CI cores
        assertEquals(2, PciCore.boot(p, Topology.standard()).devices().size());
    }
}
