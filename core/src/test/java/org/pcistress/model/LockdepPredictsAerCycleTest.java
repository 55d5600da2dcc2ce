package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * The validator alone, no race: sriov_numvfs_store records device_lock(PF) → pci_bus_sem (write,
 * in pci_device_add of a VF, same task); a later AER recovery records pci_bus_sem (read) →
 * device_lock(PF). Two sequential runs, and lockdep predicts the 2017 cycle. Only because the model
 * classes dev->mutex by role: with the kernel's novalidate class lockdep stays silent, as it does
 * on real hardware. Depends on the lockdep validator (branch lockdep).
 */
class LockdepPredictsAerCycleTest {

    private static Verdict sequential(Topology topo) {
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10"), topo, KernelConfig.defaults().withDetector(false));
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        assertEquals(0, sys.entry().aerError(Topology.PF));
        return sys.finish();
    }

    @Test
    void predictsTheCircularDependency() {
        Verdict v = sequential(Topology.standard());
        assertEquals("OK", v.outcome(), "nothing happened, only a prediction: " + v.summary());
        assertTrue(v.lockdep().contains(ReportKind.LOCKDEP_CIRCULAR), v.summary());
        String text = v.reports(ReportKind.LOCKDEP_CIRCULAR).get(0).text();
        assertTrue(text.contains("pci_bus_sem") && text.contains("&dev->mutex/PF"), text);
    }

    @Test
    void silentWithTheKernelsNovalidateClass() {
        Verdict v = sequential(Topology.standard().withKernelDeviceLockClass(true));
        assertFalse(v.lockdep().contains(ReportKind.LOCKDEP_CIRCULAR), v.summary());
    }
}
