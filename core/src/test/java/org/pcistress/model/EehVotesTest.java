package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * EEH removes a device only where the kernel does (audit point 3): inside {@code eeh_reset_device}
 * (every driver EEH-unaware, or a NEED_RESET vote and a driver without error_detected + slot_reset)
 * and on a hard failure. A CAN_RECOVER vote whose MMIO and DMA come back is resumed. Read in
 * eeh_driver.c of v4.14.74, v5.10, v6.19 and v7.0. Sequential: one EEH event on VF 01:00.2.
 */
class EehVotesTest {
    private static final String VF0 = "01:00.2";

    /**
     * @param vote       the VF driver's error_detected vote, or "none" for a VF without a driver
     * @param slotReset  the driver has a slot_reset (voting RECOVERED)
     * @param removed    EEH removed the VF
     * @param slotResets how often slot_reset ran
     */
    @ParameterizedTest(name = "{0}: {1}, slot_reset {2} -> removed {3}")
    @CsvSource({
        "v5.10, CAN_RECOVER, false, false, 0",
        "v5.10, CAN_RECOVER, true,  false, 0",
        "v5.10, NEED_RESET,  true,  false, 1",
        "v5.10, NEED_RESET,  false, true,  0",
        "v5.10, DISCONNECT,  true,  true,  0",
        "v5.10, none,        false, true,  0",
        "v4.14, CAN_RECOVER, false, false, 0",
        "v4.14, NEED_RESET,  false, true,  0",
        "v4.14, none,        false, true,  0",
        "v7.0,  CAN_RECOVER, false, false, 0",
        "v7.0,  NEED_RESET,  true,  false, 1",
        "v7.0,  none,        false, true,  0"})
    void removalFollowsTheVotes(String spec, String vote, boolean slotReset, boolean removed, int slotResets) {
        AtomicInteger resets = new AtomicInteger();
        AtomicInteger resumes = new AtomicInteger();
        Topology t = Topology.standard().withNumVfsAtBoot(2);
        if (vote.equals("none")) {
            t = t.withVfDriverAtBoot(false);
        } else {
            ErsResult v = ErsResult.valueOf(vote);
            ErrorHandlers h = new ErrorHandlers(d -> v, d -> ErsResult.RECOVERED,
                    slotReset ? d -> {
                        resets.incrementAndGet();
                        return ErsResult.RECOVERED;
                    } : null,
                    d -> resumes.incrementAndGet());
            t = t.withVfDriver(PciDriver.builder("vf_" + vote).matching(DeviceRole.VF).probe(d -> 0).remove(d -> { })
                    .errHandler(h).build());
        }
        PciSystem sys = PciSystem.boot(Profiles.named(spec), t);
        assertEquals(0, sys.entry().eehEvent(VF0));
        assertEquals("OK", sys.finish().outcome());
        if (removed) {
            assertNull(sys.device(VF0), "EEH removed the VF");
        } else {
            assertNotNull(sys.device(VF0), "EEH kept the VF");
            assertEquals(1, resumes.get(), "and resumed its driver");
        }
        assertEquals(slotResets, resets.get());
    }
}
