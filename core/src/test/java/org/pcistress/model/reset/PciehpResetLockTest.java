package org.pcistress.model.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreResult;
import org.pcistress.model.entry.EntryPoint;

/**
 * S8: pciehp's {@code ctrl->reset_lock} (5b3f7b7d062b, v4.19). The IST holds it for read while it
 * unconfigures the slot, whose unbind takes device_lock(PF); a reset of the PF by the slot's bus
 * reset holds device_lock(PF) (pci_dev_lock) and pciehp_reset_slot wants reset_lock for write: the
 * order Michael Haeuptle and Ian May reported in 2020. f5eff5591b8f (v6.4) releases reset_lock
 * around unbinding and binding, which clears it; v4.14 has no reset_lock.
 */
class PciehpResetLockTest {

    @ParameterizedTest
    @ValueSource(strings = {"HOT_UNPLUG", "HOT_ADD"})
    void the2020OrderDeadlocksOnV510WhenUnplugging(String event) {
        ExploreResult r = ResetVsNumvfsTest.explore("v5.10", EntryPoint.RESET_PF_BUS, EntryPoint.valueOf(event));
        if (event.equals("HOT_ADD")) {
            // the slot reset needs the PF present and alone; a hot-add cell boots with the slot
            // empty, so the reset finds no device: nothing to race
            assertEquals("OK", r.verdict(), r.summary());
            return;
        }
        assertEquals("DEADLOCK", r.verdict(), r.summary());
        Counterexample c = r.counterexamples().get("DEADLOCK");
        assertTrue(c.title().contains("reset_store") && c.title().contains("irq/25-pciehp"), c.title());
        assertTrue(c.text().contains("2 tasks wait for each other"), c.text());
        assertTrue(c.text().contains("&ctrl->reset_lock") && c.text().contains("&dev->mutex(01:00.0)"), c.text());
        assertTrue(c.table().contains("pciehp_reset_slot"), c.table());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10+pciehp-unlock-for-binding", "v6.18", "v6.19", "v7.0", "v4.14"})
    void clearedByF5eff5591b8f(String spec) {
        ExploreResult r = ResetVsNumvfsTest.explore(spec, EntryPoint.RESET_PF_BUS, EntryPoint.HOT_UNPLUG);
        assertEquals("OK", r.verdict(), spec + ": " + r.summary());
        assertTrue(r.exhausted(), r.coverage());
    }

    @Test
    void aPfWithVfsHasNoSlotReset() {
        var sys = org.pcistress.model.entry.PciSystem.boot(org.pcistress.model.profile.Profiles.named("v5.10"),
                org.pcistress.model.pci.Topology.standard().withNumVfsAtBoot(2));
        assertEquals(org.pcistress.model.pci.Errno.ENOTTY,
                sys.entry().resetStore("01:00.0", org.pcistress.model.pci.ResetMethod.BUS));
        assertEquals("OK", sys.finish().outcome());
    }
}
