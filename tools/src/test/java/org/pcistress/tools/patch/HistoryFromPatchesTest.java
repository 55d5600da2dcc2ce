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
