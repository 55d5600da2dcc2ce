package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Scheduler.Op;
import org.pcistress.model.aer.AerRecovery;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.Fix;
import org.pcistress.model.profile.Profiles;

/**
 * MISSED_BROADCAST: a device bound to an AER-aware driver for the whole recovery that never got
 * error_detected. A broken fix built with the public Fix API shows the check firing; a VF unbound
 * and bound again while the walk passes it shows it does not fire for a driver that was not bound
 * throughout.
 */
class MissedBroadcastTest {
    /** A "fix" that leaves VF recovery to the PF driver: report_* skips VFs. Broken on purpose. */
    static final Fix SKIP_VFS = Fix.of("aer-skip-vfs", "VF drivers never hear of the error",
            p -> p.enable(Feature.AER_SKIP_VIRTFN));

    @Test
    void skippingVfsInTheBroadcastIsDetected() {
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10").with(SKIP_VFS), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, sys.entry().aerError(Topology.PF));
        Verdict v = sys.finish();
        assertEquals("MISSED_BROADCAST", v.outcome(), v.summary());
        List<String> titles = v.reports(ReportKind.MISSED_BROADCAST).stream().map(Report::title).toList();
        assertEquals(2, titles.size(), titles.toString());
        assertTrue(titles.get(0).contains("01:00.2") && titles.get(1).contains("01:00.3"), titles.toString());

        PciSystem plain = PciSystem.boot(Profiles.named("v5.10"), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, plain.entry().aerError(Topology.PF));
        assertEquals("OK", plain.finish().outcome());
    }

    /**
     * Snapshot (VF0 bound) → unbind VF0 → the walk passes VF0 driverless → bind VF0 again → end.
     * One user actor unbinds, then binds. Gates: unbind waits at device_lock(VF0) until the
     * recovery holds pci_bus_sem (after the
     * snapshot); the recovery waits at device_lock(VF0) until unbind exits; bind waits at
     * device_lock(VF0) until the recovery is at device_lock(VF1), where it waits until bind exits.
     * Probes run inline (no NUMA node), so bind never blocks.
     */
    @Test
    void aDriverUnboundAndReboundMidRecoveryIsNoMiss() {
        ScriptedScheduler s = new ScriptedScheduler();
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10"),
                Topology.standard().withNumVfsAtBoot(2).withNumaNode(false), KernelConfig.defaults(), s);
        String aer = "irq/" + AerRecovery.AER_IRQ + "-aerdrv";
        String vf0 = "&dev->mutex(01:00.2)";
        var g0 = s.pause("unbind_store", Op.LOCK, vf0, aer, Op.READ_LOCK, "pci_bus_sem");
        var g1 = s.pause(aer, Op.LOCK, vf0, "unbind_store", Op.EXIT, "");
        var g2 = s.pause("bind_store", Op.LOCK, vf0, aer, Op.LOCK, "&dev->mutex(01:00.3)");
        var g3 = s.pause(aer, Op.LOCK, "&dev->mutex(01:00.3)", "bind_store", Op.EXIT, "");
        assertTrue(Actors.run(
                () -> sys.entry().aerError(Topology.PF),
                () -> {
                    sys.entry().unbindStore("01:00.2"); // echo 01:00.2 > unbind; echo 01:00.2 > bind
                    sys.entry().bindStore("01:00.2", "sriov_vf");
                }));
        Verdict v = sys.finish();
        for (var g : List.of(g0, g1, g2, g3)) {
            assertTrue(g.used() && !g.timedOut(), "the interleaving was not reached: " + v.summary());
        }
        assertEquals("sriov_vf", sys.device("01:00.2").driver().name(), "bound again");
        assertEquals(0, sys.device("01:00.2").errorDetectedCalls().get(), "the walk passed it driverless");
        assertFalse(v.has(ReportKind.MISSED_BROADCAST), v.summary());
        assertEquals("OK", v.outcome(), v.summary());
    }
}
