package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.Drivers;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * a5338e365c45 "PCI/IOV: Fix race between SR-IOV enable/disable and hotplug", merged with the
 * revert 2fa119c0e5e5: sriov_numvfs_store takes the rescan lock around sriov_configure, inside
 * device_lock(PF). remove_store takes the two the other way round (rescan, then device_lock(PF)
 * in pci_stop_dev), so {@code echo 0 > sriov_numvfs} racing {@code echo 1 > remove} is an ABBA
 * deadlock, reported on v7.0's lock site by Guenter Roeck (2026-03-16) and confirmed by Benjamin
 * Block (2026-03-17). v6.18/v6.19 (05703271c3cd, the lock in sriov_del_vfs) take the rescan lock
 * under device_lock(PF) on the same path and have the same pair (DERIVED: a known pair at a
 * derived site); v4.14/v5.10 take no rescan lock there. The reentrant-rescan proposal keeps the
 * lock in sriov_del_vfs, but its patch 2/2 makes remove_store release the driver before it takes
 * the rescan lock: no ABBA with sysfs remove; pciehp, which holds the rescan lock across the
 * driver's release, keeps it (the series' known gap).
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
        PciSystem sys = PciSystem.boot(Profiles.named("v7.0"), Topology.standard().withPfDriver(pf));
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        assertTrue(held.get());
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 0));
        assertEquals("OK", sys.finish().outcome());

        held.set(true);
        PciSystem v619 = PciSystem.boot(Profiles.named("v6.19"), Topology.standard().withPfDriver(pf));
        assertEquals(0, v619.entry().sriovNumvfsStore(Topology.PF, 2));
        assertFalse(held.get(), "v6.19 takes it only inside sriov_add_vfs, after sriov_configure was called");
    }

    /**
     * {@code echo 0 > sriov_numvfs} against {@code echo 1 > remove} of the PF, explored over every
     * schedule with up to two preemptions (deterministic, exhaustive): the cell numvfs_0+remove_pf.
     */
    private static ExploreResult race(String profile) {
        return race(profile, EntryPoint.REMOVE_PF);
    }

    private static ExploreResult race(String profile, EntryPoint remover) {
        Scenario cell = new PciTarget(profile)
                .plan(List.of(PciTarget.entry(EntryPoint.NUMVFS_0), PciTarget.entry(remover))).scenario();
        ExploreResult r = Explorer.explore(cell, ExploreOptions.defaults());
        assertTrue(r.failed() || r.exhausted(), "the search must finish or find: " + r.summary());
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v7.0", "v6.18"})
    void numvfsDisableAgainstRemoveIsAnAbba(String profile) {
        ExploreResult r = race(profile);
        // in v6.18 remove_store may also reach 05703271c3cd's own self-deadlock: look for the ABBA
        Counterexample c = r.counterexamples().get("DEADLOCK");
        assertTrue(c != null, r.summary());
        assertTrue(c.tasks().containsAll(List.of("sriov_numvfs_store", "remove_store")), c.tasks().toString());
        assertTrue(c.text().contains("pci_rescan_remove_lock") && c.text().contains("&dev->mutex(01:00.0)"), c.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10", "v4.14"})
    void noAbbaWithoutTheRescanLockUnderDeviceLock(String profile) {
        ExploreResult r = race(profile);
        assertFalse(r.counterexamples().containsKey("DEADLOCK"), r.summary());
        assertTrue(r.exhausted(), "a proof needs the whole space: " + r.summary());
    }

    @Test
    void reentrantRescanPatchTwoReleasesTheDriverFirstSoSysfsRemoveIsNoAbbaButPciehpStaysOne() {
        ExploreResult remove = race("v7.0+reentrant-rescan");
        assertFalse(remove.counterexamples().containsKey("DEADLOCK"), remove.summary());
        ExploreResult unplug = race("v7.0+reentrant-rescan", EntryPoint.HOT_UNPLUG);
        Counterexample c = unplug.counterexamples().get("DEADLOCK");
        assertTrue(c != null, unplug.summary());
        assertTrue(c.text().contains("pciehp_unconfigure_device") && c.text().contains("sriov_numvfs_store"), c.text());
    }
}
