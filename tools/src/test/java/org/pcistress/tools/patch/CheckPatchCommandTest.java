package org.pcistress.tools.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.model.profile.Profiles;
import org.pcistress.tools.CliRun;

/** The command: exit codes, one-line errors, the report, the .lock file it writes. */
@Timeout(600)
class CheckPatchCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String patch(String name) {
        return Patches.path(name).toString();
    }

    @Test
    void aPatchThatIntroducesADeadlockExitsOneWithTheCounterexample(@TempDir Path dir) throws Exception {
        Path revert = dir.resolve("revert.lock");
        CliRun r0 = run("check-patch", "--derive-only", "--write-lock", revert.toString(), patch("2fa119c0e5e5-revert.patch"));
        assertEquals(0, r0.code(), r0.err());
        CliRun r = run("check-patch", patch("a5338e365c45-numvfs-rescan.patch"), "--base", Patches.WITH_05703271 + "+" + revert,
                "--cells", "numvfs_0+remove_pf,remove_pf,bind_pf");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure"), r.out());
        assertTrue(r.out().contains("introduced (1):"), r.out());
        assertTrue(r.out().contains("introduced in numvfs_0+remove_pf: DEADLOCK"), r.out());
        assertTrue(r.out().contains("step |"), "the counterexample table: " + r.out());
        assertEquals(6, r.err().lines().count(), "one progress line per cell and side: " + r.err());
    }

    @Test
    void aPatchThatOnlyFixesExitsZero() {
        CliRun r = run("check-patch", patch("815a8d2feb56-eeh-bus-get-nolock.patch"), "--base", Patches.WITH_05703271,
                "--cells", "eeh_vf");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("fixed (1):"), r.out());
        assertTrue(r.out().contains("fixed in eeh_vf: "), r.out());
    }

    @Test
    void theWrittenLockFileIsTheDerivedChange(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("numvfs.lock");
        CliRun r = run("check-patch", "--derive-only", "--write-lock", f.toString(), patch("a5338e365c45-numvfs-rescan.patch"));
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(f);
        assertTrue(text.startsWith("name pci-iov-take-the-rescan-lock-around-sriov\n"), text);
        assertTrue(text.contains("cite f1c57e570000 \"PCI/IOV: take the rescan lock around sriov_configure\""), text);
        assertEquals(List.of("SRIOV_CONFIGURE: [] -> [RESCAN_REMOVE]"),
                org.pcistress.model.change.ProfileSpecs.named("v6.19+" + f).diff(Profiles.named("v6.19")));
    }

    @Test
    void unusablePatchesExitTwoWithOneLine() {
        for (String[] c : List.of(
                new String[] {"cut-short.patch", "cut short"},
                new String[] {"not-a-diff.patch", "not a unified diff"},
                new String[] {"numvfs-trylock.patch", "2 lock-related line(s) not mapped"},
                new String[] {"pciehp-disable-slot-reset-lock.patch", "not mapped"},
                new String[] {"no-such.patch", "no such patch file"})) {
            CliRun r = run("check-patch", "--derive-only", patch(c[0]));
            assertEquals(2, r.code(), c[0] + ": " + r.out() + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(c[1]), r.err());
        }
        CliRun bad = run("check-patch", patch("a5338e365c45-numvfs-rescan.patch"), "--base", "v9.9");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown profile"), bad.err());
    }

    @Test
    void partialMappingIsAcceptedOnlyWhenAsked() {
        CliRun refused = run("check-patch", "--derive-only", patch("815a8d2feb56-with-helper.patch"));
        assertEquals(2, refused.code());
        assertTrue(refused.out().contains("not mapped (4):"), refused.out());
        CliRun partial = run("check-patch", "--accept-partial", patch("815a8d2feb56-with-helper.patch"),
                "--base", Patches.WITH_05703271, "--cells", "eeh_vf");
        assertEquals(0, partial.code(), partial.out() + partial.err());
        assertTrue(partial.out().contains("not mapped (4):") && partial.out().contains("fixed (1):"), partial.out());
    }

    @Test
    void aBaseTheChangeDoesNotApplyToIsSkippedAndNoneLeftIsExitTwo() {
        CliRun r = run("check-patch", patch("2fa119c0e5e5-revert.patch"), "--base", Patches.BEFORE_05703271,
                "--cells", "remove_pf");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("not checked: the change is no change to this base"), r.out());
        assertTrue(r.err().contains("applies to none of the bases"), r.err());
    }

    @Test
    void pathsTheUserGivesAreRelativeToTheDirectoryTheyRanItIn(@TempDir Path caller) throws Exception {
        Files.copy(Patches.path("a91ee0e9fca9-pci-dev-lock-order.patch"), caller.resolve("mine.patch"));
        String old = System.getProperty(org.pcistress.model.change.ProfileSpecs.CALLER_DIR);
        System.setProperty(org.pcistress.model.change.ProfileSpecs.CALLER_DIR, caller.toString());
        try {
            CliRun r = run("check-patch", "--derive-only", "--write-lock", "mine.lock", "mine.patch");
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().startsWith("check-patch mine.patch: "), "named as given: " + r.out());
            assertTrue(Files.readString(caller.resolve("mine.lock")).contains("in pci_dev_lock: order"), "written there");
            CliRun missing = run("check-patch", "--derive-only", patch("a91ee0e9fca9-pci-dev-lock-order.patch"));
            assertEquals(2, missing.code(), "the checkout's relative path is not the caller's: " + missing.out());
            assertTrue(missing.err().contains("no such patch file"), missing.err());
            assertEquals(List.of(), org.pcistress.model.change.ProfileSpecs.named("v5.10+mine.lock")
                    .diff(Profiles.named("v5.10+pci-dev-lock-order")), "a .lock in a profile spec too");
        } finally {
            if (old == null) {
                System.clearProperty(org.pcistress.model.change.ProfileSpecs.CALLER_DIR);
            } else {
                System.setProperty(org.pcistress.model.change.ProfileSpecs.CALLER_DIR, old);
            }
        }
    }

    @Test
    void helpDocumentsTheCommand() {
        CliRun r = run("check-patch", "--help");
        assertEquals(0, r.code());
        for (String s : List.of("--base", "--accept-partial", "--write-lock", "Exit codes", "never guessed")) {
            assertTrue(r.out().toLowerCase(java.util.Locale.ROOT).contains(s.toLowerCase(java.util.Locale.ROOT)), s + ": " + r.out());
        }
    }
}
