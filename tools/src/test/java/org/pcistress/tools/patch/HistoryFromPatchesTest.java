package org.pcistress.tools.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.tools.patch.Patches.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * Each lock change in the history the model covers, read from a patch of its shape, derives the
 * lock change the model's profiles already encode, and gets the verdict history gave it.
 */
@Timeout(600)
class HistoryFromPatchesTest {

    @Test
    void rescanLockInSriovAddDelVfsSelfDeadlocksRemoveAndTradesTheListCorruptionForADeadlock() {
        Mapping m = map("05703271c3cd-sriov-add-del-vfs-rescan.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("""
                in sriov_add_vfs: take pci_rescan_remove_lock around pci_iov_add_virtfn
                in sriov_del_vfs: take pci_rescan_remove_lock around pci_iov_remove_virtfn
                """, lines(m));
        Profile before = Profiles.named(BEFORE_05703271);
        Profile after = before.with(m.change().toFix());
        for (KernelPath p : List.of(KernelPath.SRIOV_ADD_VFS, KernelPath.SRIOV_DEL_VFS)) {
            assertEquals(Profiles.named(WITH_05703271).steps(p), after.steps(p), p.toString());
        }
        // 2fa119c0e5e5's reason: echo 1 > remove on a PF with VFs self-deadlocks
        Verdicts v = check(m.change(), BEFORE_05703271, before, "remove_pf", "numvfs_0+hot_unplug");
        MatrixDiff d = v.bases().get(0).diff();
        MatrixDiff.Change remove = change(d, "remove_pf");
        assertEquals(MatrixDiff.Status.INTRODUCED, remove.status(), d.text());
        assertEquals(List.of("DEADLOCK"), remove.introduced(), d.text());
        assertTrue(v.text().contains("recursive lock(pci_rescan_remove_lock)"), v.text());
        // the VF removal it serialises with hot-unplug no longer corrupts the bus list, but the two now take
        // device_lock(PF) and the rescan lock in opposite orders (the "unbind vs hotplug" ABBA Nechita's series notes)
        MatrixDiff.Change unplug = change(d, "numvfs_0+hot_unplug");
        assertTrue(unplug.fixed().contains("LIST_CORRUPTION"), d.text());
        assertEquals(List.of("DEADLOCK"), unplug.introduced(), d.text());
    }

    @Test
    void theRevertClearsTheSelfDeadlock() {
        Mapping m = map("2fa119c0e5e5-revert.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("""
                in sriov_add_vfs: drop pci_rescan_remove_lock around pci_iov_add_virtfn
                in sriov_del_vfs: drop pci_rescan_remove_lock around pci_iov_remove_virtfn
                """, lines(m));
        Verdicts v = check(m.change(), WITH_05703271, Profiles.named(WITH_05703271), "remove_pf");
        MatrixDiff.Change remove = change(v.bases().get(0).diff(), "remove_pf");
        assertEquals(MatrixDiff.Status.FIXED, remove.status());
        assertEquals(List.of("DEADLOCK"), remove.fixed());
    }

    @Test
    void rescanLockAroundSriovConfigureOnTheRevertAloneIntroducesTheNumvfsRemoveAbba() {
        Mapping m = map("a5338e365c45-numvfs-rescan.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure\n", lines(m));
        Profile revertOnly = revertOnly();
        assertEquals(List.of(), revertOnly.with(m.change().toFix())
                        .with(map("815a8d2feb56-eeh-bus-get-nolock.patch").change().toFix()).diff(Profiles.named(V70)),
                "the revert series and the EEH fix, from their patch forms, are v7.0");
        Verdicts v = check(m.change(), "revert-only", revertOnly, "numvfs_0+remove_pf");
        MatrixDiff.Change abba = change(v.bases().get(0).diff(), "numvfs_0+remove_pf");
        assertEquals(MatrixDiff.Status.INTRODUCED, abba.status(), v.text());
        assertEquals(List.of("DEADLOCK"), abba.introduced());
        assertTrue(v.text().contains("sriov_numvfs_store") && v.text().contains("remove_store"), v.text());
    }

    @Test
    void onTheRevertAloneTheBindRowsOldBugsAreMadeReachableNotIntroduced() {
        Mapping m = map("a5338e365c45-numvfs-rescan.patch");
        // the revert alone trips the lockdep assert it left in pci_stop_and_remove_bus_device while booting
        // into bind_pf's row (unbinding the PF's driver with VFs); with a5338e365c45 those cells boot and
        // show the AER cycle (case S1) and the hot-unplug use-after-free the base shows in load_pf's row
        Verdicts v = check(m.change(), "revert-only", revertOnly(), "bind_pf+aer", "load_pf+aer", "bind_pf+hot_unplug",
                "load_pf+hot_unplug", "numvfs_0+remove_pf");
        MatrixDiff d = v.bases().get(0).diff();
        assertEquals(List.of("bind_pf+aer", "bind_pf+hot_unplug"),
                d.madeReachable().stream().map(MatrixDiff.Change::key).toList(), d.text());
        assertEquals(List.of("numvfs_0+remove_pf"), d.introduced().stream().map(MatrixDiff.Change::key).toList(),
                "the numvfs vs remove ABBA is the one the change made: " + d.text());
        assertTrue(MatrixDiff.setupFailed(v.bases().get(0).before().cell("bind_pf+aer")));
        assertTrue(v.text().contains("made reachable in bind_pf+aer (the base fails in its setup): DEADLOCK"), v.text());
        Verdicts alone = check(m.change(), "revert-only", revertOnly(), "bind_pf+aer");
        assertEquals(1, alone.bases().get(0).diff().introduced().size(),
                "a cycle the base run shows nowhere (here: no other cell ran) counts as introduced");
    }

    @Test
    void theNolockVariantClearsTheEehRecursion() {
        Mapping m = map("815a8d2feb56-eeh-bus-get-nolock.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in eeh_handle_normal_event: call eeh_pe_bus_get_nolock instead of eeh_pe_bus_get\n", lines(m));
        Profile v619 = Profiles.named(WITH_05703271);
        assertEquals(List.of(), v619.with(m.change().toFix()).diff(v619.with(
                org.pcistress.model.profile.Fixes.named("eeh-bus-get-nolock"))));
        Verdicts v = check(m.change(), WITH_05703271, v619, "eeh_vf");
        MatrixDiff.Change eeh = change(v.bases().get(0).diff(), "eeh_vf");
        assertEquals(MatrixDiff.Status.FIXED, eeh.status(), v.text());
        assertEquals(List.of("DEADLOCK"), eeh.fixed());
        assertEquals("OK", v.bases().get(0).patched().cell("eeh_vf").verdict());
    }

    @Test
    void deviceLockFirstInPciDevLockClearsTheResetVsNumvfsAbbaAndIntroducesNothing() {
        Mapping m = map("a91ee0e9fca9-pci-dev-lock-order.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in pci_dev_lock: order device_lock(dev), pci_cfg_access_lock(dev) at entry\n", lines(m));
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("pci_dev_trylock tries the locks in step with "
                + "pci_dev_lock's new order")), m.notes().toString());
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("pci_dev_unlock releases the locks in step")),
                m.notes().toString());
        Profile before = Profiles.named(BEFORE_05703271);
        assertEquals(List.of(), before.with(m.change().toFix()).diff(Profiles.named(BEFORE_05703271 + "+pci-dev-lock-order")),
                "the built-in fix");
        // case S2 on v5.10: pci_dev_lock sets cfg-access(PF), then waits for device_lock(PF), which
        // sriov_numvfs_store holds while sriov_enable waits for cfg-access(PF); every row that resets
        Verdicts v = check(m.change(), BEFORE_05703271, before, rows(BEFORE_05703271, "reset_pf", "reset_pf_bus"));
        MatrixDiff d = v.bases().get(0).diff();
        assertEquals(List.of(), d.introduced(), d.text());
        MatrixDiff.Change s2 = change(d, "numvfs_n+reset_pf");
        assertEquals(MatrixDiff.Status.FIXED, s2.status(), d.text());
        assertEquals(List.of("DEADLOCK"), s2.fixed());
        assertEquals("OK", v.bases().get(0).patched().cell("numvfs_n+reset_pf").verdict());
    }

    @Test
    void lettingGoOfTheResetLockAroundUnbindingClearsTheSlotResetAbbaAndIntroducesNothing() {
        Mapping m = map("f5eff5591b8f-pciehp-reset-lock.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("""
                in pciehp_configure_device: drop ctrl->reset_lock(read) around pci_bus_add_devices
                in pciehp_unconfigure_device: drop ctrl->reset_lock(read) around pci_stop_and_remove_bus_device
                """, lines(m));
        Profile before = Profiles.named(BEFORE_05703271);
        assertEquals(List.of(), before.with(m.change().toFix()).diff(Profiles.named(BEFORE_05703271
                + "+pciehp-unlock-for-binding")), "the built-in fix");
        // case S8 on v5.10: the IST holds reset_lock (read) across the unplug's unbind, which waits for
        // device_lock(PF); the bus reset holds device_lock(PF) and pciehp_reset_slot waits for reset_lock (write)
        Verdicts v = check(m.change(), BEFORE_05703271, before,
                rows(BEFORE_05703271, "hot_unplug", "hot_add", "reset_pf_bus"));
        MatrixDiff d = v.bases().get(0).diff();
        assertEquals(List.of(), d.introduced(), d.text());
        MatrixDiff.Change s8 = change(d, "hot_unplug+reset_pf_bus");
        assertEquals(MatrixDiff.Status.FIXED, s8.status(), d.text());
        assertEquals(List.of("DEADLOCK"), s8.fixed());
        assertEquals(1, v.applied(), "v5.10 has the reset lock: the change applies");
        Verdicts old = check(m.change(), "v4.14", Profiles.named("v4.14"), "hot_unplug+reset_pf_bus");
        assertEquals(0, old.applied(), "v4.14 has no reset_lock (5b3f7b7d062b came with v4.19): no change to it");
        assertTrue(old.text().contains("v4.14 does not take ctrl->reset_lock(read) on PCIEHP_IST"), old.text());
    }

    @Test
    void aChangeThatIsNoChangeToABaseIsNotChecked() {
        Mapping m = map("2fa119c0e5e5-revert.patch");
        Verdicts v = check(m.change(), BEFORE_05703271, Profiles.named(BEFORE_05703271), "remove_pf");
        assertEquals(0, v.applied());
        assertTrue(v.text().contains("v5.10 does not take pci_rescan_remove_lock on SRIOV_ADD_VFS"), v.text());
    }

    private static MatrixDiff.Change change(MatrixDiff d, String key) {
        return d.changes().stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " did not change: " + d.text()));
    }
}
