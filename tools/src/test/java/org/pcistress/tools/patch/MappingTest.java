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
        Mapping pciehp = map("pciehp-disable-slot-reset-lock.patch");
        assertEquals(2, pciehp.unmapped().size());
        assertTrue(pciehp.unmapped().get(0).reason().startsWith("drivers/pci/hotplug/pciehp_ctrl.c is not a file"));
        Mapping reset = inline("drivers/pci/pci.c", "int pci_reset_function(struct pci_dev *dev)", """
                 \tint rc;
                +\tpci_dev_lock(dev);
                 \trc = __pci_reset_function_locked(dev);
                +\tpci_dev_unlock(dev);
                 \treturn rc;
                """);
        assertEquals("", lines(reset));
        assertTrue(reset.unmapped().get(0).reason().contains("is not a function the model follows; in drivers/pci/pci.c "
                + "it follows pci_dev_lock, pci_dev_unlock, pci_dev_trylock"), reset.unmapped().toString());
    }

    @Test
    void aSwapOfTwoLocksThatStillBracketTheSameCallsIsAnOrderLine() {
        Mapping m = inline("drivers/base/dd.c", "static int __driver_attach(struct device *dev, void *data)", """
                -\tdevice_lock(dev->parent);
                 \tdevice_lock(dev);
                +\tdevice_lock(dev->parent);
                 \tdriver_probe_device(drv, dev);
                 \tdevice_unlock(dev);
                 \tdevice_unlock(dev->parent);
                """);
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in __driver_attach: order device_lock(dev), device_lock(dev->parent) around driver_probe_device\n",
                lines(m));
    }

    @Test
    void aReorderThatAlsoMovesALockAcrossACallIsRefusedWithTheReason() {
        Mapping m = inline("drivers/base/dd.c", "static int __driver_attach(struct device *dev, void *data)", """
                -\tdevice_lock(dev->parent);
                 \tdevice_lock(dev);
                 \tdriver_probe_device(drv, dev);
                +\tdevice_lock(dev->parent);
                 \tdevice_unlock(dev);
                 \tdevice_unlock(dev->parent);
                """);
        assertEquals("", lines(m));
        assertTrue(m.unmapped().get(0).reason().startsWith("reorders device_lock(dev->parent), device_lock(dev) to "
                + "device_lock(dev), device_lock(dev->parent) and moves device_lock(dev->parent) from around "
                + "driver_probe_device to around no call the model knows"), m.unmapped().toString());
    }

    @Test
    void aTrylockReorderedAloneIsNoChangeTheModelCanMake() {
        Mapping m = inline("drivers/pci/pci.c", "static int pci_dev_trylock(struct pci_dev *pdev)", """
                -\tif (!pci_cfg_access_trylock(pdev))
                +\tif (!device_trylock(&pdev->dev))
                 \t\treturn 0;
                -\tif (device_trylock(&pdev->dev))
                +\tif (pci_cfg_access_trylock(pdev))
                 \t\treturn 1;
                """);
        assertEquals("", lines(m));
        assertEquals(4, m.unmapped().size(), m.unmapped().toString());
        assertTrue(m.unmapped().get(0).reason().contains("in pci_dev_trylock but not in pci_dev_lock"), m.unmapped().toString());
    }

    @Test
    void theStructDevicesMutexIsItsDeviceLock() {
        Mapping m = inline("drivers/pci/iov.c", "static void sriov_del_vfs(struct pci_dev *dev)", """
                 \tint i = 0;
                +\tmutex_lock(&dev->dev.mutex);
                 \tpci_iov_remove_virtfn(dev, i);
                +\tmutex_unlock(&dev->dev.mutex);
                """);
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in sriov_del_vfs: take device_lock(dev) around pci_iov_remove_virtfn\n", lines(m));
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("mutex_lock on a struct device's mutex in sriov_del_vfs is "
                + "read as device_lock(dev)")), m.notes().toString());
    }

    @Test
    void lettingGoOfTheCallersResetLockInOnePlaceIsTheWholeFeature() {
        Mapping m = inline("drivers/pci/hotplug/pciehp_pci.c", "int pciehp_configure_device(struct controller *ctrl)", """
                +\tup_read(&ctrl->reset_lock);
                 \tpci_bus_add_devices(parent);
                +\tdown_read(&ctrl->reset_lock);
                """);
        assertTrue(m.complete(), m.unmapped().toString());
        assertEquals("in pciehp_configure_device: drop ctrl->reset_lock(read) around pci_bus_add_devices\n", lines(m));
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("lets go of ctrl->reset_lock(read) in pciehp_configure_device "
                + "and pciehp_unconfigure_device together")), m.notes().toString());
        Mapping elsewhere = inline("drivers/pci/hotplug/pciehp_pci.c",
                "int pciehp_configure_device(struct controller *ctrl)", """
                +\tup_read(&ctrl->reset_lock);
                 \tpci_scan_slot(parent, 0);
                +\tdown_read(&ctrl->reset_lock);
                """);
        assertEquals("", lines(elsewhere));
        assertTrue(elsewhere.unmapped().get(0).reason().contains("the model lets go of a caller's lock only in "
                + "pciehp_configure_device around pci_bus_add_devices"), elsewhere.unmapped().toString());
    }

    /** {@code body} (diff lines) as the one hunk of {@code file}, in the function of {@code header}. */
    private static Mapping inline(String file, String header, String body) {
        long old = body.lines().filter(l -> !l.startsWith("+")).count();
        long now = body.lines().filter(l -> !l.startsWith("-")).count();
        String text = "--- a/" + file + "\n+++ b/" + file + "\n@@ -10," + old + " +10," + now + " @@ " + header + "\n" + body;
        return PatchMapper.map(UnifiedDiff.parse(text), "inline", "");
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
        assertEquals("device_lock(dev)", LockCall.scan("mutex_lock(&pdev->dev.mutex);").get(0).lock().text());
        assertEquals("device_lock(dev)", LockCall.scan("mutex_unlock(&dev->mutex);").get(0).lock().text());
        assertEquals("device_lock(dev)", LockCall.scan("mutex_lock(&vf->dev.mutex);").get(0).lock().text());
        assertEquals("device_lock(dev->parent)", LockCall.scan("mutex_lock(&dev->parent->mutex);").get(0).lock().text());
        assertEquals("device_lock(dev->physfn)", LockCall.scan("mutex_lock(&pdev->physfn->dev.mutex);").get(0).lock().text());
        assertEquals("ctrl->reset_lock(read)", LockCall.scan("down_read_nested(&ctrl->reset_lock, ctrl->depth);").get(0)
                .lock().text());
        assertEquals("ctrl->reset_lock(write)", LockCall.scan("up_write(&ctrl->reset_lock);").get(0).lock().text());
        assertTrue(LockCall.scan("down_read(&bus->sem);").get(0).problem().startsWith("unknown rw_semaphore"));
        LockCall tried = LockCall.scan("if (pci_cfg_access_trylock(dev))").get(0);
        assertEquals("pci_cfg_access_lock(dev)", tried.lock().text(), "the lock is known");
        assertTrue(tried.problem().startsWith("may fail"), "and still a trylock");
        assertTrue(LockCall.scan("lockdep_assert_held(&pci_rescan_remove_lock);").get(0).problem().startsWith("an assertion"));
        assertTrue(LockCall.scan("guard(mutex)(&pci_rescan_remove_lock);").get(0).problem().contains("scoped lock guard"));
        assertEquals(List.of(), LockCall.scan("pci_device_lock_helper(dev); mutex_init(&m);"));
    }
}
