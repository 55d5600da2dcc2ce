package org.pcistress.tools.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.tools.patch.Patches.lines;
import static org.pcistress.tools.patch.Patches.map;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What check-patch reads from a patch and what it refuses to guess: a lock around the whole body
 * (seen only when the patch shows it), the lock-free variant with and without its helper, and
 * every kind of line it cannot map, each with its reason.
 */
class MappingTest {

    @Test
    void aLockAroundAnExistingLockGoesOutermostOnThatPath() {
        Mapping m = map("numvfs-rescan-outside-device-lock.patch");
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in sriov_numvfs_store: take pci_rescan_remove_lock at entry outermost\n", lines(m));
    }

    @Test
    void theSameChangeWithThreeLinesOfContextIsRefusedNotGuessed() {
        Mapping m = map("numvfs-rescan-outside-device-lock-U3.patch");
        assertEquals("", lines(m));
        assertEquals(2, m.unmapped().size());
        assertTrue(m.unmapped().get(0).reason().contains("different hunks"), m.unmapped().toString());
        assertTrue(m.unmapped().get(0).reason().contains("-W"), "says how to get a patch it can read");
    }

    @Test
    void theVariantsHelperIsReportedAndTheCallerStillMapped() {
        Mapping m = map("815a8d2feb56-with-helper.patch");
        assertEquals("in eeh_handle_normal_event: call eeh_pe_bus_get_nolock instead of eeh_pe_bus_get\n", lines(m));
        assertEquals(4, m.unmapped().size(), m.unmapped().toString());
        assertTrue(m.unmapped().stream().allMatch(u -> u.reason().contains("renames eeh_pe_bus_get to __eeh_pe_bus_get")),
                m.unmapped().toString());
        assertTrue(m.notes().stream().anyMatch(n -> n.startsWith("defines eeh_pe_bus_get_nolock")), m.notes().toString());
    }

    @Test
    void aLockBracketingNothingTheModelKnowsIsRefused() {
        Mapping m = map("numvfs-lock-around-parsing.patch");
        assertEquals("", lines(m));
        assertEquals(List.of("+9", "+12"), m.unmapped().stream().map(Unmapped::where).toList());
        assertTrue(m.unmapped().get(0).reason().startsWith("brackets no call the model knows in sriov_numvfs_store"));
    }

    @Test
    void aTrylockIsControlFlow() {
        Mapping m = map("numvfs-trylock.patch");
        assertFalse(m.complete());
        assertTrue(m.unmapped().stream().anyMatch(u -> u.reason().startsWith("device_trylock: may fail")),
                m.unmapped().toString());
    }

    @Test
    void filesAndFunctionsTheModelDoesNotFollowAreNamed() {
        Mapping pciehp = map("f5eff5591b8f-pciehp-reset-lock.patch");
        assertEquals(2, pciehp.unmapped().size());
        assertTrue(pciehp.unmapped().get(0).reason().startsWith("drivers/pci/hotplug/pciehp_ctrl.c is not a file"));
        Mapping devLock = map("a91ee0e9fca9-pci-dev-lock-order.patch");
        assertEquals("", lines(devLock));
        assertEquals(2, devLock.unmapped().size());
    }

    @Test
    void aFormatPatchHeaderGivesTheCitation() {
        UnifiedDiff d = Patches.diff("a5338e365c45-numvfs-rescan.patch");
        assertEquals("f1c57e5700000000000000000000000000000000", d.commit());
        assertEquals("PCI/IOV: take the rescan lock around sriov_configure", d.subject());
        assertEquals(List.of("drivers/pci/iov.c"), d.files().stream().map(UnifiedDiff.FilePatch::path).toList());
        assertEquals(2, d.files().get(0).hunks().size());
    }

    @Test
    void aBrokenDiffIsOneLine() throws Exception {
        BadPatch cut = assertThrows(BadPatch.class, () -> UnifiedDiff.parse(
                Files.readString(Patches.path("cut-short.patch"))));
        assertTrue(cut.getMessage().contains("cut short"), cut.getMessage());
        BadPatch none = assertThrows(BadPatch.class, () -> UnifiedDiff.parse(
                Files.readString(Patches.path("not-a-diff.patch"))));
        assertTrue(none.getMessage().startsWith("not a unified diff"), none.getMessage());
        BadPatch bad = assertThrows(BadPatch.class, () -> UnifiedDiff.parse(
                "--- a/x.c\n+++ b/x.c\n@@ -1,2 +1,2 @@\n a\n+b\n+c\n"));
        assertTrue(bad.getMessage().contains("does not add up"), bad.getMessage());
    }

    @Test
    void lockCallsAreReadByLockNotByName() {
        assertEquals("pci_bus_sem(write)", LockCall.scan("down_write_nested(&pci_bus_sem, 1);").get(0).lock().text());
        assertEquals("device_lock(dev->parent)", LockCall.scan("device_lock(dev->parent);").get(0).lock().text());
        assertEquals("device_lock(dev->physfn)", LockCall.scan("device_unlock(&pdev->physfn->dev);").get(0).lock().text());
        assertEquals("pci_rescan_remove_lock", LockCall.scan("mutex_lock(&pci_rescan_remove_lock);").get(0).lock().text());
        assertTrue(LockCall.scan("mutex_lock(&ctrl->state_lock);").get(0).problem().startsWith("unknown mutex"));
        assertTrue(LockCall.scan("down_read(&ctrl->reset_lock);").get(0).problem().startsWith("unknown rw_semaphore"));
        assertTrue(LockCall.scan("lockdep_assert_held(&pci_rescan_remove_lock);").get(0).problem().startsWith("an assertion"));
        assertTrue(LockCall.scan("guard(mutex)(&pci_rescan_remove_lock);").get(0).problem().contains("scoped lock guard"));
        assertEquals(List.of(), LockCall.scan("pci_device_lock_helper(dev); mutex_init(&m);"));
    }
}
