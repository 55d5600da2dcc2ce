package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Scheduler.Op;
import org.pcistress.model.aer.AerRecovery;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * The 2017 report ("[PATCH V2] PCI: AER: fix deadlock in do_recovery"): a PF driver enables VFs in
 * probe and is loaded: __driver_attach (task modprobe, the binder) holds device_lock(PF) and waits
 * for the probe kworker; the kworker's
 * pci_device_add(VF) wants pci_bus_sem for write; aer_isr's pci_walk_bus holds it for read and
 * wants device_lock(PF) in report_error_detected. The AER task is v4.14's aer_isr work item
 * (a kworker) or v5.10+'s {@code irq/24-aerdrv} thread. The error is reported by the root port, so
 * every version walks its secondary bus (v4.14.74 reports an endpoint's non-fatal error to the
 * endpoint alone: AerEndpointOnlyTest).
 *
 * <p>Order, by gates: aer_isr waits at its down_read until the kworker is at its down_write; the
 * kworker waits there until aer_isr is at device_lock(PF).
 */
class AerVsProbeSriovDeadlockTest {

    /** The AER task: v4.14's aer_isr work item on a kworker, v5.10+'s aerdrv IRQ thread. */
    static String aerTask(String profile) {
        return profile.startsWith("v4.14") ? "aer_isr" : "irq/" + AerRecovery.AER_IRQ + "-aerdrv";
    }

    private static Verdict race(String profile) {
        ScriptedScheduler s = new ScriptedScheduler();
        String aer = aerTask(profile);
        PciSystem sys = PciSystem.boot(Profiles.named(profile), Topology.enablingVfsInProbe(2), KernelConfig.defaults(), s);
        var aerWaits = s.pause(aer, Op.READ_LOCK, "pci_bus_sem", "kworker", Op.LOCK, "pci_bus_sem");
        var kworkerWaits = s.pause("kworker", Op.LOCK, "pci_bus_sem", aer, Op.LOCK, "&dev->mutex(01:00.0)");
        assertTrue(Actors.run(
                () -> sys.entry().driverLoad("sriov_pf_probe"),
                () -> sys.entry().aerError(Topology.ROOT_PORT)));
        Verdict v = sys.finish();
        assertTrue(aerWaits.used() && kworkerWaits.used(), "the interleaving was not reached");
        assertFalse(aerWaits.timedOut() || kworkerWaits.timedOut(), "a gate timed out: " + v.summary());
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.14", "v5.10", "v7.0"})
    void deadlocksAcrossTheProbeKworker(String profile) {
        Verdict v = race(profile);
        assertEquals("DEADLOCK", v.outcome(), v.summary());
        Report r = v.reports(ReportKind.DEADLOCK).get(0);
        List<String> tasks = r.tasks();
        assertEquals(3, tasks.size(), r.text());
        assertTrue(tasks.stream().anyMatch(t -> ScriptedScheduler.named(t, aerTask(profile))), r.text());
        assertTrue(tasks.contains("modprobe"), r.text());
        assertTrue(tasks.stream().anyMatch(t -> t.startsWith("kworker/") && t.endsWith("local_pci_probe")), r.text());
        assertEquals(!profile.startsWith("v4.14"), tasks.contains("irq/" + AerRecovery.AER_IRQ + "-aerdrv"),
                "v4.14 recovers in a kworker, later kernels in the aerdrv IRQ thread: " + tasks);
        assertTrue(r.text().contains("pci_bus_sem") && r.text().contains("&dev->mutex(01:00.0)"), r.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.14+list-snapshot", "v7.0+list-snapshot",
            "v4.14+deferred-enumeration", "v7.0+deferred-enumeration"})
    void goneWithTheFixes(String profile) {
        Verdict v = race(profile);
        assertEquals("OK", v.outcome(), v.summary());
    }
}
