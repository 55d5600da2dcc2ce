package org.pcistress.tools.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.CliRun;

/**
 * {@code pcistress history}: the built-in cases all match (exit 0, one row each); a change that breaks
 * a row is exit 1 with the row marked; bad input is one line and exit 2.
 */
class HistoryCommandTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void everyBuiltInCaseMatchesAndPrintsOneRow(@TempDir Path dir) throws Exception {
        CliRun r = run("history", "--out", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        long rows = r.out().lines().filter(l -> l.startsWith("| S") || l.startsWith("| W")).count();
        assertEquals(org.pcistress.history.HistoryCases.builtIn().size(), rows, r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| S4 | `numvfs_0+remove_pf` | `v7.0` | DEADLOCK (report:")
                && l.endsWith("| yes |")), r.out());
        assertTrue(Files.readString(dir.resolve("history.html")).contains("<td>S7</td>"));
        assertTrue(Files.readString(dir.resolve("history.md")).contains("cases match history"));
    }

    /** list-snapshot on every profile clears S1: history's DEADLOCK rows no longer hold, loudly. */
    @Test
    void aFixOnEveryProfileThatChangesHistoryIsExitOne(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("cases.txt");
        Files.writeString(cases, """
                S1 | bind_pf+aer | v4.14 | DEADLOCK | pci_walk_bus | report: the 2017 AER report
                S3 | remove_pf | v6.18 | DEADLOCK | remove_store | commit 2fa119c0e5e5
                """);
        CliRun r = run("history", "--cases", cases.toString(), "--with", "list-snapshot");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("| S1 | `bind_pf+aer` | `v4.14+list-snapshot` | DEADLOCK (report: the 2017 AER report) | OK | **NO**"),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("| S3 ") && l.endsWith("| yes |")), r.out());
        assertTrue(r.out().contains("1 of 2 cases match history; MISMATCH: S1 bind_pf+aer v4.14+list-snapshot"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path cases = dir.resolve("bad.txt");
        Files.writeString(cases, "S1 | bind_pf+aer | v4.14 | HANG | - | derived: x\n");
        for (String[] args : new String[][] {
                {"history", "--cases", cases.toString()},
                {"history", "--cases", dir.resolve("missing.txt").toString()},
                {"history", "--with", "no-such-fix"},
                {"history", "--time-budget", "0"}}) {
            CliRun r = run(args);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().startsWith("pcistress history: "), r.err());
        }
    }
}
