package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;

/**
 * What EEH can act on. (1) A device gets its eeh_dev in a PE from the platform's
 * pcibios_bus_add_device hook at the start of pci_bus_add_device; a VF that is only
 * pci_device_add'ed (its enabler has not reached pci_bus_add_device) is invisible to EEH. The
 * model let eehd remove such a VF, and the enabler then touched the freed VF in __device_attach:
 * USE_AFTER_FREE in bind_pf/load_pf/numvfs_n + eeh_vf (v4.14, v5.10), a model artifact.
 * (2) EEH events are handled one at a time by the one eehd kthread; the model ran two events
 * concurrently, and eeh_vf + eeh_vf reported a double VF removal (v4.14, v5.10), also an artifact.
 */
class EehVisibilityTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    private static Scenario cell(String spec, EntryPoint a, EntryPoint b) {
        return new PciTarget(spec).plan(List.of(PciTarget.entry(a), PciTarget.entry(b))).scenario();
    }

    @ParameterizedTest
    @CsvSource({"v4.14", "v5.10"})
    void aVfThatIsOnlyDeviceAddedIsNotAnEehTarget(String spec) {
        PciSystem sys = PciSystem.boot(org.pcistress.model.profile.Profiles.named(spec), Topology.standard());
        PciDev pf = sys.device(Topology.PF);
        assertTrue(pf.is(DevFlag.EDEV) && pf.is(DevFlag.ADDED), "bus-added at boot");
        String vf = sys.topology().vf(0);
        // the first half of pci_iov_add_virtfn: allocated and pci_device_add'ed, not yet bus-added
        PciDev virtfn = sys.kernel().call("sriov_numvfs_store", () -> {
            PciDev d = sys.core().allocDev(vf, DeviceRole.VF, pf.bus(), 0, sys.core().pciDevGet(pf), 0);
            sys.core().probe().pciDeviceAdd(d, pf.bus());
            return d;
        });
        assertTrue(virtfn.is(DevFlag.REGISTERED));
        assertFalse(virtfn.is(DevFlag.EDEV));
        assertEquals(-19, sys.entry().eehEvent(vf), "-ENODEV: no eeh_dev in a PE yet");
        assertTrue(virtfn.is(DevFlag.REGISTERED), "EEH left the VF alone");
        assertEquals(0, virtfn.stops().get());
        // the second half: pcibios_bus_add_device gives it its eeh_dev, then EEH can act on it
        sys.kernel().call("sriov_numvfs_store", () -> {
            sys.core().busOps().pciBusAddDevice(virtfn);
            return null;
        });
        assertTrue(virtfn.is(DevFlag.EDEV) && virtfn.is(DevFlag.ADDED));
        assertEquals(0, sys.entry().eehEvent(vf));
    }

    @ParameterizedTest
    @CsvSource({"v4.14, BIND_PF", "v5.10, BIND_PF", "v5.10, LOAD_PF", "v4.14, NUMVFS_N"})
    void whatRemainsOfEnableVersusEehIsTheBusAddWindow(String spec, EntryPoint enabler) {
        // EEH may now act on a VF only after pcibios_bus_add_device: a VF that EEH removes while its
        // enabler is between that hook and device_attach is still freed under the enabler (S6: the
        // EEH VF branch and v4.14/v5.10's sriov_add_vfs both run without the rescan lock)
        ExploreResult r = Explorer.explore(cell(spec, enabler, EntryPoint.EEH_VF), MINIMAL);
        assertTrue(r.exhausted(), r.summary());
        Counterexample uaf = r.counterexamples().get("USE_AFTER_FREE");
        if (uaf != null) {
            assertTrue(uaf.title().contains("__device_attach"), uaf.text());
        }
    }

    @ParameterizedTest
    @CsvSource({"v4.14", "v5.10"})
    void twoEehEventsAreHandledOneAfterTheOther(String spec) {
        ExploreResult r = Explorer.explore(cell(spec, EntryPoint.EEH_VF, EntryPoint.EEH_VF), MINIMAL);
        assertTrue(r.exhausted(), r.summary());
        assertFalse(r.counterexamples().containsKey("DOUBLE_REMOVE"), r.summary());
        assertEquals("OK", r.verdict(), r.summary());
    }

    @ParameterizedTest
    @CsvSource({"v4.14, HOT_UNPLUG", "v5.10, HOT_UNPLUG", "v4.14, NUMVFS_0"})
    void eehVfRemovalWithoutTheRescanLockStillRacesTheOtherRemovers(String spec, EntryPoint other) {
        // O'Halloran 2020 (S6): the EEH VF branch takes no rescan lock in v4.14/v5.10
        ExploreResult r = Explorer.explore(cell(spec, other, EntryPoint.EEH_VF), MINIMAL);
        assertTrue(r.counterexamples().containsKey("DOUBLE_REMOVE"), r.summary());
    }

    @Test
    void theV618EehRecursionStays() {
        ExploreResult r = Explorer.explore(cell("v6.18", EntryPoint.EEH_VF, EntryPoint.EEH_VF), MINIMAL);
        assertEquals("DEADLOCK", r.verdict(), r.summary());
    }
}
