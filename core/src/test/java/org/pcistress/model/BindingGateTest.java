package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * The binding gate (audit point 6): {@code pci_bus_match} matches nothing until
 * {@code pci_bus_add_device} sets {@code match_driver} (v4.14, v5.10; cleared by
 * {@code pci_device_add}) or {@code PCI_DEV_ALLOW_BINDING} (v6.18+). A VF that is only
 * device_add'ed is in sysfs and on the klist, but neither a sysfs bind nor a driver load binds it.
 * Sequential: the two halves of {@code pci_iov_add_virtfn} are run by hand, as in EehVisibilityTest.
 */
class BindingGateTest {

    @ParameterizedTest
    @ValueSource(strings = {"v4.14", "v5.10", "v6.19", "v7.0"})
    void noDriverBindsADeviceBetweenDeviceAddAndBusAdd(String spec) {
        PciSystem sys = PciSystem.boot(Profiles.named(spec), Topology.standard().withVfDriverAtBoot(false));
        PciDev pf = sys.device(Topology.PF);
        String vf = sys.topology().vf(0);
        PciDev virtfn = sys.kernel().call("sriov_numvfs_store", () -> {
            PciDev d = sys.core().allocDev(vf, DeviceRole.VF, pf.bus(), 0, sys.core().pciDevGet(pf), 0);
            sys.core().probe().pciDeviceAdd(d, pf.bus());
            return d;
        });
        assertTrue(virtfn.is(DevFlag.REGISTERED) && !virtfn.is(DevFlag.MATCH_DRIVER));
        assertEquals(0, sys.entry().driverLoad("sriov_vf"), "modprobe works, but skips the gated VF");
        assertNull(virtfn.driver());
        assertEquals(-19, sys.entry().bindStore(vf, "sriov_vf"), "-ENODEV: pci_bus_match says no");
        assertNull(virtfn.driver());
        sys.kernel().call("sriov_numvfs_store", () -> {
            sys.core().busOps().pciBusAddDevice(virtfn);
            return null;
        });
        assertTrue(virtfn.is(DevFlag.MATCH_DRIVER));
        assertEquals("sriov_vf", virtfn.driver().name(), "pci_bus_add_device opened the gate, then attached");
        assertEquals("OK", sys.finish().outcome());
    }
}
