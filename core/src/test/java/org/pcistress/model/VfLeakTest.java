package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pcistress.model.driver.Drivers;
import org.pcistress.model.driver.PciDriver;
import org.pcistress.model.profile.Profiles;

/** A PF driver whose .remove leaves SR-IOV enabled: removing the PF leaves its VFs on the bus. */
class VfLeakTest {

    @Test
    void vfsOutliveTheirPf() {
        PciDriver forgetful = PciDriver.builder("forgetful_pf").matching(DeviceRole.PF)
                .sriovConfigure(Drivers::sriovConfigure).remove(d -> { }).build();
        PciCore core = PciCore.boot(Profiles.named("v5.10"), Topology.standard().withPfDriver(forgetful).withNumVfsAtBoot(2));
        assertEquals(0, core.entry().removeStore(Topology.PF));
        Verdict v = core.finish();
        assertEquals("VF_LEAKED", v.outcome(), v.summary());
        assertEquals(2, v.reports(org.pcistress.kernel.ReportKind.VF_LEAKED).size());
    }

    @Test
    void aWellBehavedPfDriverLeavesNothing() {
        PciCore core = PciCore.boot(Profiles.named("v5.10"), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, core.entry().removeStore(Topology.PF));
        assertEquals("OK", core.finish().outcome());
    }
}
