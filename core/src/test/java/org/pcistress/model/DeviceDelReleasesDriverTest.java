package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;

/**
 * device_del → bus_remove_device → device_release_driver: a driver that binds a device after
 * pci_stop_dev released the last one and before pci_destroy_dev (a sysfs bind or driver load in
 * that window; device_is_registered still holds) is unbound again by device_del. Before the model
 * did this, the PF's probe enabled VFs on a PF that was then destroyed with its driver still bound,
 * and the matrix reported VF_LEAKED for bind/load of the 2017 driver racing remove, EEH removal or
 * hot-unplug of the PF (v4.14, v5.10): a model artifact, the kernel's device_del unbinds that
 * driver and its .remove disables the VFs.
 */
class DeviceDelReleasesDriverTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    private static Scenario cell(String spec, EntryPoint a, EntryPoint b) {
        return new PciTarget(spec).plan(List.of(PciTarget.entry(a), PciTarget.entry(b))).scenario();
    }

    @ParameterizedTest
    @CsvSource({"v4.14, BIND_PF, REMOVE_PF", "v5.10, BIND_PF, REMOVE_PF", "v4.14, LOAD_PF, EEH_PF",
            "v5.10, LOAD_PF, REMOVE_PF", "v5.10, BIND_PF, EEH_PF"})
    void aDriverBoundBetweenStopAndDestroyIsReleasedByDeviceDel(String spec, EntryPoint a, EntryPoint b) {
        ExploreResult r = Explorer.explore(cell(spec, a, b), MINIMAL);
        assertTrue(r.exhausted(), r.summary());
        assertFalse(r.counterexamples().containsKey("VF_LEAKED"), r.summary());
        assertEquals("OK", r.verdict(), r.summary());
    }

    @ParameterizedTest
    @CsvSource({"v6.18, BIND_PF, REMOVE_PF"})
    void theKnownDeadlocksOfThoseCellsStay(String spec, EntryPoint a, EntryPoint b) {
        // 05703271c3cd: the probe kworker's sriov_add_vfs wants the rescan lock remove_store holds
        ExploreResult r = Explorer.explore(cell(spec, a, b), MINIMAL);
        assertEquals("DEADLOCK", r.verdict(), r.summary());
    }

    @ParameterizedTest
    @CsvSource({"v4.14", "v5.10", "v7.0"})
    void unbindingIsWhatTheRemovalDoesWhenNothingBoundInTheWindow(String spec) {
        PciSystem sys = PciSystem.boot(org.pcistress.model.profile.Profiles.named(spec),
                Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, sys.entry().removeStore(Topology.PF));
        assertEquals("OK", sys.finish().outcome());
    }
}
