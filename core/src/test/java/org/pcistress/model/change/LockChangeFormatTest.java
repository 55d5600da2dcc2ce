package org.pcistress.model.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.LockStep;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * The lock-change format: every kind of line parses, prints back the same, and compiles to the
 * profile edit the built-in fixes and profiles make; every unknown name is one line naming the
 * known ones.
 */
class LockChangeFormatTest {

    /** The history as lock changes, as docs/MODEL.md and Profiles cite it. */
    static final String REVERT = """
            name sriov-revert
            cite 2fa119c0e5e5 Revert "PCI/IOV: Add PCI rescan-remove locking when enabling/disabling SR-IOV"
            in sriov_add_vfs: drop pci_rescan_remove_lock around pci_iov_add_virtfn
            in sriov_del_vfs: drop pci_rescan_remove_lock around pci_iov_remove_virtfn
            """;
    static final String NUMVFS = """
            # the companion of the revert
            name numvfs-rescan
            cite a5338e365c45 "PCI/IOV: Fix race between SR-IOV enable/disable and hotplug"
            gives-up a PF driver's .sriov_configure runs under the rescan lock   # and cannot take it
            in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure
            """;
    static final String NOLOCK = """
            name eeh-nolock
            in eeh_handle_normal_event: call eeh_pe_bus_get_nolock instead of eeh_pe_bus_get
            """;

    private static LockChange parse(String text) {
        return LockChangeFormat.parse(text, "test.lock", null);
    }

    @Test
    void theHistoryAsLockChangesIsTheBuiltInProfile() {
        Profile v619 = Profiles.named("v6.19");
        Profile mine = v619.with(parse(REVERT).toFix()).with(parse(NUMVFS).toFix()).with(parse(NOLOCK).toFix());
        assertEquals(List.of(), mine.diff(Profiles.named("v7.0")), "v7.0 is v6.19 with the revert series and 815a8d2feb56");
        assertEquals("v6.19+sriov-revert+numvfs-rescan+eeh-nolock", mine.name());
        assertEquals("a PF driver's .sriov_configure runs under the rescan lock", parse(NUMVFS).givesUp());
    }

    @Test
    void theNolockVariantIsTheBuiltInFix() {
        Profile v619 = Profiles.named("v6.19");
        assertEquals(List.of(), v619.with(parse(NOLOCK).toFix()).diff(Profiles.named("v6.19+eeh-bus-get-nolock")));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), v619.steps(KernelPath.EEH_PE_BUS_GET));
    }

    @Test
    void placementAndOrderAreProfileEdits() {
        LockChange c = parse("""
                name busch-2018
                in sriov_numvfs_store: take pci_rescan_remove_lock at entry outermost
                in __driver_attach: order device_lock(dev), device_lock(dev->parent) around driver_probe_device
                in bind_store: take pci_rescan_remove_lock around device_driver_attach
                """);
        Profile p = Profiles.named("v4.14").with(c.toFix());
        assertEquals(List.of(LockStep.RESCAN_REMOVE, LockStep.DEVICE_LOCK_SELF), p.steps(KernelPath.SRIOV_NUMVFS_STORE));
        assertEquals(List.of(LockStep.DEVICE_LOCK_SELF, LockStep.DEVICE_LOCK_PARENT), p.steps(KernelPath.DRIVER_ATTACH));
        assertEquals(List.of(LockStep.RESCAN_REMOVE, LockStep.DEVICE_LOCK_PARENT, LockStep.DEVICE_LOCK_SELF),
                p.steps(KernelPath.BIND_STORE), "bind_store's locks are taken in device_driver_attach: outermost");
    }

    @Test
    void everyPlaceOfEveryFunctionIsAPathOfTheModel() {
        for (String name : ModelledFunctions.names()) {
            ModelledFunction f = ModelledFunctions.named(name);
            for (Site s : f.sites()) {
                if (s.release() != null) {
                    continue; // a place that lets go of the caller's lock: aPlaceThatLetsGoOfTheCallersLock…
                }
                String line = "in " + name + ": take rpc->rpc_mutex " + s.where();
                LockChange c = LockChangeFormat.parse(line, "test.lock", "probe");
                Profile p = Profiles.named("v5.10").with(c.toFix());
                for (KernelPath path : s.paths()) {
                    assertTrue(p.steps(path).contains(LockStep.RPC_MUTEX), line + " changes " + path);
                }
            }
            f.locals().values().forEach(path -> assertTrue(f.sites().stream().anyMatch(s -> s.paths().contains(path)),
                    name + ": a lock it takes belongs to one of its places"));
        }
    }

    @Test
    void aPlaceThatLetsGoOfTheCallersLockTakesOnlyThatLockAndIsTheProfileFeature() {
        LockChange release = parse("name release\nin pciehp_unconfigure_device: drop ctrl->reset_lock(read) around "
                + "pci_stop_and_remove_bus_device");
        Profile v510 = Profiles.named("v5.10");
        assertEquals(List.of(), v510.with(release.toFix()).diff(Profiles.named("v5.10+pciehp-unlock-for-binding")));
        LockChange keep = parse("name keep\nin pciehp_configure_device: take ctrl->reset_lock(read) around pci_bus_add_devices");
        assertEquals(List.of(), Profiles.named("v6.19").with(keep.toFix()).diff(Profiles.named("v6.19")
                .disable(org.pcistress.model.profile.Feature.PCIEHP_RESET_LOCK_DROPPED_FOR_BINDING)));
        assertTrue(release.conflicts(Profiles.named("v4.14")).get(0).contains("v4.14 does not take ctrl->reset_lock(read) "
                + "on PCIEHP_IST (pciehp_ist)"), release.conflicts(Profiles.named("v4.14")).toString());
        assertTrue(release.conflicts(Profiles.named("v6.19")).get(0).contains("already lets go of"));
        assertTrue(keep.conflicts(v510).get(0).contains("v5.10 already holds ctrl->reset_lock(read)"));
        assertBad("in pciehp_configure_device: drop pci_rescan_remove_lock around pci_bus_add_devices",
                "only ctrl->reset_lock(read), which pciehp_ist holds");
        assertBad("in pciehp_configure_device: order ctrl->reset_lock(read) around pci_bus_add_devices",
                "only 'drop' (let go) or 'take' (keep it held)");
        assertBad("in pciehp_configure_device: take ctrl->reset_lock(read) around pci_bus_add_devices outermost",
                "'outermost' means nothing");
    }

    @Test
    void anOrderThatIsAlreadyTheBasesIsNoChangeToIt() {
        LockChange order = parse("name order\nin pci_dev_lock: order device_lock(dev), pci_cfg_access_lock(dev) at entry");
        assertEquals(List.of(), order.conflicts(Profiles.named("v5.10")));
        assertTrue(order.conflicts(Profiles.named("v6.19")).get(0).contains("already takes device_lock(dev), "
                + "pci_cfg_access_lock(dev) in this order"), order.conflicts(Profiles.named("v6.19")).toString());
    }

    @Test
    void textRoundTrips() {
        for (String s : List.of(REVERT, NUMVFS, NOLOCK)) {
            LockChange c = parse(s);
            assertEquals(c, parse(c.text()));
        }
        assertEquals("in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure",
                parse(NUMVFS).ops().get(0).text());
    }

    @Test
    void conflictsSayWhyAChangeIsNotAChangeToThatBase() {
        assertEquals(List.of(), parse(REVERT).conflicts(Profiles.named("v6.19")));
        List<String> c = parse(REVERT).conflicts(Profiles.named("v5.10"));
        assertEquals(2, c.size(), c.toString());
        assertTrue(c.get(0).contains("v5.10 does not take pci_rescan_remove_lock on SRIOV_ADD_VFS"), c.get(0));
        assertTrue(parse(NUMVFS).conflicts(Profiles.named("v7.0")).get(0).contains("already takes"));
        assertTrue(parse(NOLOCK).conflicts(Profiles.named("v5.10")).get(0).contains("changes nothing"));
    }

    @Test
    void aLockFileIsAFixNameEverywhere(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("numvfs.lock");
        Files.writeString(f, NUMVFS.replace("name numvfs-rescan\n", ""));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ProfileSpecs.named("v6.19+" + dir.resolve("none.lock")));
        assertTrue(missing.getMessage().startsWith("cannot read lock change"), missing.getMessage());
        Files.writeString(dir.resolve("revert.lock"), REVERT);
        Profile q = ProfileSpecs.named("v6.19+" + dir.resolve("revert.lock") + "+" + f + "+eeh-bus-get-nolock");
        assertEquals("v6.19+sriov-revert+numvfs+eeh-bus-get-nolock", q.name());
        assertEquals(List.of(), q.diff(Profiles.named("v7.0")));
    }

    @Test
    void unknownNamesAreOneLineNamingTheKnownOnes() {
        assertBad("in sriov_numvfs_stor: take pci_rescan_remove_lock at entry", "unknown function 'sriov_numvfs_stor'",
                "sriov_numvfs_store");
        assertBad("in sriov_numvfs_store: take rescan at entry", "unknown lock 'rescan'", "pci_rescan_remove_lock");
        assertBad("in sriov_numvfs_store: take pci_rescan_remove_lock around pci_enable_sriov",
                "no place around 'pci_enable_sriov'", "around sriov_configure");
        assertBad("in sriov_add_vfs: take pci_rescan_remove_lock at entry", "no place 'at entry'", "around pci_iov_add_virtfn");
        assertBad("in eeh_handle_normal_event: call eeh_pe_bus_get_unlocked instead of eeh_pe_bus_get",
                "unknown lock-free variant", "eeh_pe_bus_get_nolock");
        assertBad("in eeh_rmv_device: call eeh_pe_bus_get_nolock instead of eeh_pe_bus_get",
                "only from eeh_handle_normal_event", "eeh_rmv_device");
        assertBad("in sriov_numvfs_store: grab pci_rescan_remove_lock", "expected take LOCK", "grab");
        assertBad("in eeh_rmv_device: drop pci_rescan_remove_lock", "say where in eeh_rmv_device", "around pci_iov_remove_virtfn");
        assertBad("name a+b\nin sriov_del_vfs: drop pci_rescan_remove_lock", "(no '+')", "a+b");
        assertBad("# nothing", "no change lines", "take|drop|order|call");
        assertBad("lock it", "expected name, cite, gives-up", "'lock'");
    }

    private static void assertBad(String text, String... contains) {
        BadLockChange e = assertThrows(BadLockChange.class, () -> LockChangeFormat.parse(text, "my.lock", "my"));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("my.lock"), e.getMessage());
        for (String c : contains) {
            assertTrue(e.getMessage().contains(c), e.getMessage());
        }
    }
}
