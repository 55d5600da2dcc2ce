package org.pcistress.model.change;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.LockStep;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * docs/lock-changes: the history the profiles encode, as .lock files. Each file loads, and applied
 * to the kernel before it gives the profile of the kernel after it, so the examples in the README
 * stay true.
 */
class HistoryLockFilesTest {
    private static final Path DIR = Path.of("..", "docs", "lock-changes");

    private static String spec(String base, String... files) {
        StringBuilder b = new StringBuilder(base);
        for (String f : files) {
            b.append('+').append(DIR.resolve(f));
        }
        return b.toString();
    }

    @Test
    void everyFileLoadsAndPrintsBackTheSame() throws Exception {
        try (var s = Files.list(DIR)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".lock")).sorted().toList();
            assertEquals(7, files.size(), files.toString());
            for (Path f : files) {
                LockChange c = LockChangeFormat.load(f);
                assertEquals(c, LockChangeFormat.parse(c.text(), f.toString(), null), f.toString());
                assertTrue(!c.cite().isBlank() && !c.givesUp().isBlank(), f + " cites and says what it gives up");
            }
        }
    }

    @Test
    void theRevertSeriesAndTheEehFixTurnV619IntoV70() {
        Profile p = ProfileSpecs.named(spec("v6.19", "2fa119c0e5e5.lock", "a5338e365c45.lock", "815a8d2feb56.lock"));
        assertEquals(List.of(), p.diff(Profiles.named("v7.0")));
    }

    @Test
    void theSriovLockTurnsV510IntoV618OnTheSriovPaths() {
        Profile p = ProfileSpecs.named(spec("v5.10", "05703271c3cd.lock"));
        for (KernelPath path : List.of(KernelPath.SRIOV_ADD_VFS, KernelPath.SRIOV_DEL_VFS)) {
            assertEquals(Profiles.named("v6.18").steps(path), p.steps(path));
        }
    }

    @Test
    void theNolockFileIsTheBuiltInFix() {
        assertEquals(List.of(), ProfileSpecs.named(spec("v6.19", "815a8d2feb56.lock"))
                .diff(Profiles.named("v6.19+eeh-bus-get-nolock")));
    }

    @Test
    void thePciDevLockOrderIsTheBuiltInFixWhereverTheOldOrderIs() {
        for (String base : List.of("v4.14", "v5.10")) {
            assertEquals(List.of(), ProfileSpecs.named(spec(base, "a91ee0e9fca9.lock"))
                    .diff(Profiles.named(base + "+pci-dev-lock-order")), base);
        }
        assertEquals(Profiles.named("v6.19").steps(KernelPath.PCI_DEV_LOCK),
                ProfileSpecs.named(spec("v5.10", "a91ee0e9fca9.lock")).steps(KernelPath.PCI_DEV_LOCK), "v5.19's order");
        assertTrue(LockChangeFormat.load(DIR.resolve("a91ee0e9fca9.lock")).conflicts(Profiles.named("v6.19")).get(0)
                .contains("already takes"), "no change to a tree that has it");
    }

    @Test
    void thePciehpReleaseIsTheBuiltInFixOnTheKernelsWithAResetLock() {
        assertEquals(List.of(), ProfileSpecs.named(spec("v5.10", "f5eff5591b8f.lock"))
                .diff(Profiles.named("v5.10+pciehp-unlock-for-binding")));
        LockChange c = LockChangeFormat.load(DIR.resolve("f5eff5591b8f.lock"));
        assertEquals(List.of(), c.conflicts(Profiles.named("v5.10")), "two lines, one feature: one edit");
        assertTrue(c.conflicts(Profiles.named("v4.14")).get(0).contains("does not take ctrl->reset_lock(read)"),
                "v4.14 has no reset_lock (5b3f7b7d062b came with v4.19)");
        assertTrue(c.conflicts(Profiles.named("v6.19")).get(0).contains("already lets go of"));
    }

    @Test
    void the2018ProposalGoesOutsideDeviceLock() {
        assertEquals(List.of(LockStep.RESCAN_REMOVE, LockStep.DEVICE_LOCK_SELF),
                ProfileSpecs.named(spec("v5.10", "numvfs-rescan-2018.lock")).steps(KernelPath.SRIOV_NUMVFS_STORE));
    }
}
