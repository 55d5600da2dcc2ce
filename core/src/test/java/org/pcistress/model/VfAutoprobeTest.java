package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * sriov_drivers_autoprobe = 0, then VFs enabled. v4.14's pci_device_probe took a reference and
 * returned 0 without probing, so the driver core bound the VF (dev->driver) while pci_dev->driver
 * stayed NULL; 76002d8b48c4 (v5.3) returns -ENODEV before any reference instead.
 */
class VfAutoprobeTest {
    private static final String VF0 = "01:00.2";

    /** A VF driver that counts its probes and error_detected calls. */
    private static Topology counting(AtomicInteger probes, AtomicInteger detected) {
        PciDriver vf = PciDriver.builder("counting_vf").matching(DeviceRole.VF)
                .probe(d -> probes.incrementAndGet() * 0)
                .errHandler(new ErrorHandlers(d -> {
                    detected.incrementAndGet();
                    return org.pcistress.model.pci.ErsResult.CAN_RECOVER;
                }, null, null, null))
                .build();
        return Topology.standard().withVfDriver(vf);
    }

    private static PciSystem enableWithoutAutoprobe(String profile, AtomicInteger probes, AtomicInteger detected) {
        PciSystem sys = PciSystem.boot(Profiles.named(profile), counting(probes, detected));
        sys.device(Topology.PF).driversAutoprobe(false); // echo 0 > sriov_drivers_autoprobe
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        return sys;
    }

    @Test
    void v414BindsTheVfWithoutProbingIt() {
        AtomicInteger probes = new AtomicInteger();
        AtomicInteger detected = new AtomicInteger();
        PciSystem sys = enableWithoutAutoprobe("v4.14", probes, detected);
        PciDev vf = sys.device(VF0);
        assertEquals("counting_vf", vf.driver().name(), "the driver core bound it");
        assertNull(vf.pciDriver(), "pci_dev->driver stays NULL");
        assertEquals(0, probes.get());
        assertEquals(2, vf.refcount().get(), "device_initialize's reference plus pci_device_probe's");

        assertEquals(0, sys.entry().aerError(Topology.PF));
        assertEquals(0, detected.get(), "report_error_detected reads pci_dev->driver: no handler");
        assertEquals(0, sys.entry().unbindStore(VF0));
        assertEquals(1, vf.refcount().get(), "pci_device_remove drops the probe's reference");
        assertEquals("OK", sys.finish().outcome(), "no MISSED_BROADCAST for a driver that never probed");
    }

    @Test
    void v510ReturnsEnodevAndLeavesTheVfUnbound() {
        AtomicInteger probes = new AtomicInteger();
        AtomicInteger detected = new AtomicInteger();
        PciSystem sys = enableWithoutAutoprobe("v5.10", probes, detected);
        PciDev vf = sys.device(VF0);
        assertNull(vf.driver());
        assertNull(vf.pciDriver());
        assertEquals(0, probes.get());
        assertEquals(1, vf.refcount().get());
        assertEquals("OK", sys.finish().outcome());
    }
}
