package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.Drivers;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/** A PF driver whose .remove leaves SR-IOV enabled: removing the PF leaves its VFs on the bus. */
class VfLeakTest {

    @Test
    void vfsOutliveTheirPf() {
        PciDriver forgetful = PciDriver.builder("forgetful_pf").matching(DeviceRole.PF)
                .sriovConfigure(Drivers::sriovConfigure).remove(d -> { }).build();
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10"), Topology.standard().withPfDriver(forgetful).withNumVfsAtBoot(2));
        assertEquals(0, sys.entry().removeStore(Topology.PF));
        Verdict v = sys.finish();
        assertEquals("VF_LEAKED", v.outcome(), v.summary());
        assertEquals(2, v.reports(org.pcistress.kernel.ReportKind.VF_LEAKED).size());
    }

    @Test
    void aWellBehavedPfDriverLeavesNothing() {
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10"), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, sys.entry().removeStore(Topology.PF));
        assertEquals("OK", sys.finish().outcome());
    }
}
