package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * A VF has no sysfs {@code remove} file (audit point 1): the hot-plug attribute group is hidden by
 * {@code pci_dev_hp_attrs_are_visible} whenever {@code is_virtfn}, which is set before
 * {@code pci_device_add} (v4.14.74, v5.10, v6.19, v7.0 pci-sysfs.c and iov.c). The write fails in
 * user space: -ENOENT, no kernel task, nothing changes. The PF's file exists and works.
 */
class RemoveStoreOnVfTest {

    @ParameterizedTest
    @ValueSource(strings = {"v4.14", "v5.10", "v6.18", "v6.19", "v7.0"})
    void writingRemoveOfAVfRunsNothing(String spec) {
        PciSystem sys = PciSystem.boot(Profiles.named(spec), Topology.standard().withNumVfsAtBoot(2));
        String vf = sys.topology().vf(0);
        PciDev before = sys.device(vf);
        int tasks = sys.kernel().tasksCreated();
        assertEquals(-2, sys.entry().removeStore(vf), "-ENOENT");
        assertEquals(tasks, sys.kernel().tasksCreated(), "no kernel task ran");
        assertEquals(before, sys.device(vf));
        assertTrue(before.is(DevFlag.REGISTERED) && before.is(DevFlag.ADDED) && before.stops().get() == 0);
        assertEquals("OK", sys.finish().outcome());
    }
}
