package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.model.entry.EntryPoints;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * 05703271c3cd (v6.18) took the rescan lock in sriov_del_vfs; {@code echo 2 > sriov_numvfs; echo 1
 * > remove} then self-deadlocks: remove_store holds the rescan lock across the PF's .remove →
 * pci_disable_sriov → sriov_del_vfs, which takes it again. The revert 2fa119c0e5e5 removes it.
 * Sequential: no interleaving to order.
 */
class SriovRescanSelfDeadlockTest {

    private static PciSystem numvfsThenRemove(String profile) {
        PciSystem sys = PciSystem.boot(Profiles.named(profile), Topology.standard());
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        assertEquals(3, sys.core().bus(1).entries().size(), "PF and two VFs on bus 01");
        return sys;
    }

    @Test
    void v618SelfDeadlocksWithoutHanging() {
        PciSystem sys = numvfsThenRemove("v6.18");
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().removeStore(Topology.PF));
        Verdict v = sys.finish();
        assertEquals("DEADLOCK", v.outcome(), v.summary());
        Report r = v.reports(ReportKind.DEADLOCK).get(0);
        assertEquals(List.of("remove_store"), r.tasks());
        assertTrue(r.title().contains("recursive lock(pci_rescan_remove_lock)"), r.title());
        assertTrue(r.text().contains("sriov_del_vfs"), r.text());
    }

    @Test
    void v70RemovesPfAndVfs() {
        PciSystem sys = numvfsThenRemove("v7.0");
        assertEquals(0, sys.entry().removeStore(Topology.PF));
        Verdict v = sys.finish();
        assertEquals("OK", v.outcome(), v.summary());
        assertEquals(List.of(), sys.core().bus(1).entries());
        assertNull(sys.device("01:00.2"));
    }

    @Test
    void reentrantRescanFixesTheSameTaskCase() {
        PciSystem sys = numvfsThenRemove("v7.0+reentrant-rescan");
        assertEquals(0, sys.entry().removeStore(Topology.PF));
        assertEquals("OK", sys.finish().outcome());
    }

    @Test
    void hotUnplugOfAPfWithVfsTakesTheSamePathInV619() {
        PciSystem sys = numvfsThenRemove("v6.19");
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().hotUnplug(Topology.SLOT));
        assertEquals("DEADLOCK", sys.finish().outcome());
    }
}
