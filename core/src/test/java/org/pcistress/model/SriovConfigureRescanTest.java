package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Scheduler.Op;
import org.pcistress.model.driver.Drivers;
import org.pcistress.model.driver.PciDriver;
import org.pcistress.model.profile.Profiles;

/**
 * a5338e365c45 "PCI/IOV: Fix race between SR-IOV enable/disable and hotplug", merged with the
 * revert 2fa119c0e5e5: sriov_numvfs_store takes the rescan lock around sriov_configure, inside
 * device_lock(PF). remove_store takes the two the other way round (rescan, then device_lock(PF)
 * in pci_stop_dev), so {@code echo 0 > sriov_numvfs} racing {@code echo 1 > remove} is an ABBA
 * deadlock (DERIVED from the two lock orders; no report of it was found). v6.18/v6.19
 * (05703271c3cd, the lock in sriov_del_vfs) and the reentrant-rescan proposal (the lock in
 * sriov_del_vfs, owned per task) take the rescan lock under device_lock(PF) on the same path and
 * have the same ABBA; v4.14/v5.10 take no rescan lock there.
 *
 * <p>Order, by gates: sriov_numvfs_store waits before the rescan lock until remove_store is at
 * device_lock(PF); remove_store waits before the rescan lock until sriov_numvfs_store is there.
 */
class SriovConfigureRescanTest {

    @Test
    void sriovConfigureRunsUnderTheRescanLockAfterTheRevert() {
        AtomicBoolean held = new AtomicBoolean();
        PciDriver pf = PciDriver.builder("observing_pf").matching(DeviceRole.PF)
                .sriovConfigure((dev, n) -> {
                    held.set(Locks.mutexIsLocked(dev.core().rescanRemoveLock().mutex()));
                    return Drivers.sriovConfigure(dev, n);
                })
                .remove(dev -> dev.core().iov().pciDisableSriov(dev)).build();
        PciCore core = PciCore.boot(Profiles.named("v6.19+revert"), Topology.standard().withPfDriver(pf));
        assertEquals(0, core.entry().sriovNumvfsStore(Topology.PF, 2));
        assertTrue(held.get());
        assertEquals(0, core.entry().sriovNumvfsStore(Topology.PF, 0));
        assertEquals("OK", core.finish().outcome());

        held.set(true);
        PciCore v619 = PciCore.boot(Profiles.named("v6.19"), Topology.standard().withPfDriver(pf));
        assertEquals(0, v619.entry().sriovNumvfsStore(Topology.PF, 2));
        assertFalse(held.get(), "v6.19 takes it only inside sriov_add_vfs, after sriov_configure was called");
    }

    private static Verdict race(String profile) {
        ScriptedScheduler s = new ScriptedScheduler();
        PciCore core = PciCore.boot(Profiles.named(profile), Topology.standard().withNumVfsAtBoot(2),
                KernelConfig.defaults(), s);
        var numvfsWaits = s.pause("sriov_numvfs_store", Op.LOCK, "pci_rescan_remove_lock",
                "remove_store", Op.LOCK, "&dev->mutex(01:00.0)");
        var removeWaits = s.pause("remove_store", Op.LOCK, "pci_rescan_remove_lock",
                "sriov_numvfs_store", Op.LOCK, "pci_rescan_remove_lock");
        assertTrue(Actors.run(
                () -> core.entry().sriovNumvfsStore(Topology.PF, 0),
                () -> core.entry().removeStore(Topology.PF)));
        Verdict v = core.finish();
        assertFalse(numvfsWaits.timedOut() || removeWaits.timedOut(), "a gate timed out: " + v.summary());
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v6.19+revert", "v6.18", "v6.19+revert+reentrant-rescan"})
    void numvfsDisableAgainstRemoveIsAnAbba(String profile) {
        Verdict v = race(profile);
        assertEquals("DEADLOCK", v.outcome(), v.summary());
        // The ABBA; in v6.18 remove_store may then go on to 05703271c3cd's own self-deadlock, a
        // second report, so look for the cycle among them.
        assertTrue(v.reports(ReportKind.DEADLOCK).stream().anyMatch(r ->
                r.tasks().containsAll(java.util.List.of("sriov_numvfs_store", "remove_store"))
                        && r.text().contains("pci_rescan_remove_lock") && r.text().contains("&dev->mutex(01:00.0)")),
                v.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10", "v4.14"})
    void noAbbaWithoutTheRescanLockUnderDeviceLock(String profile) {
        Verdict v = race(profile);
        assertEquals("OK", v.outcome(), v.summary());
    }
}
