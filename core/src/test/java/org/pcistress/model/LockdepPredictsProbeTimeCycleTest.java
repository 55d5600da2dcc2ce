package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Lockdep;
import org.pcistress.kernel.locking.LockdepFlavor;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * The 2017 report as the validator sees it from two runs that never overlap: first the PF driver
 * that enables SR-IOV in its probe is loaded (driver_attach holds device_lock(PF) and waits for
 * local_pci_probe in a work_on_cpu kworker, which adds the VFs under pci_bus_sem), then, later, an
 * AER error is recovered (pci_walk_bus holds pci_bus_sem for read and takes device_lock(PF)). The
 * cycle closes only through the kworker: without the work item's lockdep map there is no
 * dependency from device_lock(PF) to pci_bus_sem in any one task. Each run boots a fresh model;
 * one validator is shared, as lockdep's graph outlives the tasks that fed it.
 */
class LockdepPredictsProbeTimeCycleTest {

    private static List<Report> circular(String profile, Lockdep shared) {
        KernelConfig config = KernelConfig.defaults().withLockdep(shared);
        PciSystem first = PciSystem.boot(Profiles.named(profile), Topology.enablingVfsInProbe(2), config);
        assertEquals(0, first.entry().driverLoad(first.topology().pfDriver().name()));
        Verdict load = first.finish();
        assertEquals("OK", load.outcome(), load.summary());
        assertTrue(load.reports(ReportKind.LOCKDEP_CIRCULAR).isEmpty(), "one order alone: " + load.summary());

        PciSystem second = PciSystem.boot(Profiles.named(profile), Topology.standard(), config);
        assertEquals(0, second.entry().aerError(Topology.PF));
        Verdict aer = second.finish();
        assertEquals("OK", aer.outcome(), "nothing ran at the same time: " + aer.summary());
        return aer.reports(ReportKind.LOCKDEP_CIRCULAR);
    }

    @Test
    void predictedThroughTheProbeKworkerWithBothChains() {
        List<Report> found = circular("v5.10", new Lockdep());
        assertEquals(1, found.size(), found.toString());
        Report r = found.get(0);
        assertEquals("LOCKDEP_CIRCULAR: pci_bus_sem -> &dev->mutex/PF -> (work_completion)(local_pci_probe)"
                + " -> pci_bus_sem", r.title());
        String text = r.text();
        assertTrue(text.contains("the chain is handed off through (work_completion)(local_pci_probe): waited for by"), text);
        assertTrue(text.contains("pci_call_probe") && text.contains("flush_work"), "the binder's chain: " + text);
        assertTrue(text.contains("process_one_work") && text.contains("pci_device_add"), "the kworker's chain: " + text);
        assertTrue(text.contains("report_error_detected") || text.contains("pci_walk_bus"), "the AER chain: " + text);
    }

    @Test
    void theKernelsOwnLockdepStaysSilentBecauseDeviceLockIsNovalidate() {
        Lockdep both = Lockdep.of(LockdepFlavor.PCISTRESS, LockdepFlavor.KERNEL);
        List<Report> found = circular("v5.10", both);
        assertEquals(1, found.size(), "pcistress's prediction only: " + found);
        assertTrue(found.stream().noneMatch(r -> r.title().contains("(kernel lockdep)")), found.toString());
        assertTrue(both.dependencies(LockdepFlavor.KERNEL).stream().noneMatch(d -> d.contains("&dev->mutex")),
                both.dependencies(LockdepFlavor.KERNEL).toString());
    }

    @Test
    void noPredictionWhenAerWalksASnapshot() {
        List<Report> found = circular("v5.10+list-snapshot", new Lockdep());
        assertTrue(found.isEmpty(), "list-snapshot takes device_lock outside pci_bus_sem: " + found);
    }
}
