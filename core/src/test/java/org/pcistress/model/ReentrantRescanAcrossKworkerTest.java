package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.model.entry.EntryPoints;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.hotplug.PciehpPci;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * The gap the reentrant-rescan proposal leaves: hot-add (or rescan) holds the rescan lock and
 * pci_call_probe runs the PF's probe in a work_on_cpu kworker; the probe enables VFs and
 * sriov_add_vfs takes the rescan lock. The kworker is not the owner, so it blocks, and the
 * owner waits for the kworker: a cross-thread deadlock. Sequential: no interleaving to order.
 */
class ReentrantRescanAcrossKworkerTest {

    /** The card is absent at boot; the PF driver (enabling 2 VFs in probe) is loaded. */
    private static Topology emptySlot() {
        return Topology.enablingVfsInProbe(2).withPfDriverAtBoot(true).withCardPresent(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v7.0+reentrant-rescan", "v6.18", "v4.14+reentrant-rescan"})
    void hotAddDeadlocksAcrossTheProbeKworker(String profile) {
        PciSystem sys = PciSystem.boot(Profiles.named(profile), emptySlot());
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().hotAdd(Topology.SLOT));
        Verdict v = sys.finish();
        assertEquals("DEADLOCK", v.outcome(), v.summary());
        Report r = v.reports(ReportKind.DEADLOCK).get(0);
        List<String> tasks = r.tasks();
        assertEquals(2, tasks.size(), r.text());
        assertTrue(tasks.stream().anyMatch(t -> ScriptedScheduler.named(t,
                profile.startsWith("v4.14") ? "pciehp_power_thread" : "irq/" + PciehpPci.PCIEHP_IRQ + "-pciehp")),
                r.text());
        assertTrue(tasks.stream().anyMatch(t -> t.startsWith("kworker/")), r.text());
        assertTrue(r.text().contains("pci_rescan_remove_lock") && r.text().contains("sriov_enable"), r.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v7.0+reentrant-rescan", "v6.18"})
    void rescanDeadlocksTheSameWay(String profile) {
        PciSystem sys = PciSystem.boot(Profiles.named(profile), emptySlot());
        sys.core().cardPresent(true); // the card is there; only a rescan finds it
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().rescanStore());
        assertEquals("DEADLOCK", sys.finish().outcome());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v7.0", "v5.10", "v6.19+detach-outside-rescan"})
    void hotAddEnumeratesTheVfsWithoutTheLockInSriovAddVfs(String profile) {
        PciSystem sys = PciSystem.boot(Profiles.named(profile), emptySlot());
        assertEquals(0, sys.entry().hotAdd(Topology.SLOT));
        Verdict v = sys.finish();
        assertEquals("OK", v.outcome(), v.summary());
        assertEquals(3, sys.core().bus(1).entries().size());
        assertEquals("sriov_vf", sys.device("01:00.3").driver().name());
    }
}
