package org.pcistress.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The history file's format: what it accepts, and a line-numbered message for what it does not. */
class HistoryCasesTest {

    @Test
    void theBuiltInFileHasTheIssuesCasesEachWithASource() {
        List<HistoryCase> all = HistoryCases.builtIn();
        for (String id : List.of("S1", "S3", "S4", "S5", "S6", "S7", "W1")) {
            assertTrue(all.stream().anyMatch(c -> c.id().equals(id)), id + " is missing");
        }
        for (HistoryCase c : all) {
            assertTrue(List.of("commit", "report", "proposal", "derived").contains(c.sourceKind()),
                    "line " + c.line() + ": source must start with commit, report, proposal or derived: " + c.source());
        }
    }

    @Test
    void aLineIsSplitIntoItsColumns() {
        HistoryCase c = HistoryCases.parse("# comment\n\nS9 | numvfs_0+hot_unplug | v5.10+list-snapshot | CORRUPTION"
                + " | sriov_del_vfs pci_iov_remove_virtfn | commit 05703271c3cd (a | in the source)\n", "t").get(0);
        assertEquals("S9", c.id());
        assertEquals(List.of("numvfs_0", "hot_unplug"), c.entries());
        assertEquals("v5.10+list-snapshot", c.profile());
        assertEquals(List.of("sriov_del_vfs", "pci_iov_remove_virtfn"), c.via());
        assertEquals("commit 05703271c3cd (a | in the source)", c.source());
        assertEquals(3, c.line());
        assertTrue(c.accepts("DOUBLE_REMOVE") && c.accepts("LIST_CORRUPTION"));
        assertFalse(c.accepts("DEADLOCK"));
    }

    @Test
    void aBadLineIsRefusedWithItsFileAndLine() {
        assertMessage("t:2: expected 6 columns", "# x\nS1 | bind_pf+aer | v4.14 | DEADLOCK\n");
        assertMessage("t:1: unknown verdict 'HANG'", "S1 | bind_pf+aer | v4.14 | HANG | - | derived: x\n");
        assertMessage("t:1: an OK case has no counterexample", "S1 | bind_pf+aer | v4.14 | OK | pci_walk_bus | derived: x\n");
        assertMessage("t:1: entries must be one entry point or two", "S1 | a+b+c | v4.14 | OK | - | derived: x\n");
        assertMessage("t: no case in the file", "# only a comment\n");
    }

    private static void assertMessage(String start, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistoryCases.parse(text, "t"));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
