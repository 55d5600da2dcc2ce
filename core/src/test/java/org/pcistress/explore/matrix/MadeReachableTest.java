package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cell the base could not set up that a change makes reachable is not a cell the change broke:
 * its bugs are old ones when the base shows them elsewhere (same kind, same locks). A failure the
 * base shows nowhere is introduced all the same. Cells are made by hand: the real case (a5338e365c45
 * on the revert alone) is HistoryFromPatchesTest's.
 */
class MadeReachableTest {
    private static final String ABBA = "(pci_bus_sem, &dev->mutex/PF)";

    private static Cell cell(String key, boolean setupFailed, String kind, String title) {
        List<CellFailure> f = kind == null ? List.of()
                : List.of(new CellFailure(kind, (setupFailed ? Matrix.SETUP_TITLE : "") + title, "", 1, 0, List.of(), "", title));
        return new Cell(key, List.of(key.split("\\+")), "state", kind == null ? "OK" : kind, true, "", 1, 0, f, List.of(),
                "", setupFailed ? Matrix.SETUP_FAILED + ": nothing explored" : "proved (all schedules)");
    }

    private static MatrixDiff diff(List<Cell> a, List<Cell> b) {
        return MatrixDiff.compare(new MatrixResult("base", "b", List.of(), a, 0), new MatrixResult("base+x", "b", List.of(), b, 0));
    }

    @Test
    void anOldBugBehindASetupFailureIsMadeReachableNotIntroduced() {
        Cell elsewhere = cell("load_pf+aer", false, "DEADLOCK", "DEADLOCK: aer_isr \u21c4 modprobe " + ABBA);
        Cell unset = cell("bind_pf+aer", true, "LOCKING_BUG", "LOCKING_BUG: lockdep_assert_held(pci_rescan_remove_lock)");
        Cell reached = cell("bind_pf+aer", false, "DEADLOCK", "DEADLOCK: aer_isr \u21c4 bind_store " + ABBA);
        MatrixDiff d = diff(List.of(elsewhere, unset), List.of(elsewhere, reached));
        assertEquals(List.of(), d.introduced(), d.text());
        assertEquals(1, d.madeReachable().size(), d.text());
        assertEquals(0, d.exitCode(), "not counted as introduced");
        assertTrue(d.text().contains("made reachable (already failing behind a setup failure in the base) (1):\n"
                + "  bind_pf+aer"), d.text());
    }

    @Test
    void aCycleIsItsWaitsInAnyRotationAnythingElseItsWholeTitle() {
        String cycle = "DEADLOCK: kworker ⇄ irq/24-aerdrv ⇄ bind_store (lock(pci_bus_sem), lock(&dev->mutex(01:00.0)), "
                + "wait_for_completion(local_pci_probe))";
        String rotated = "DEADLOCK: modprobe ⇄ kworker ⇄ irq/24-aerdrv (wait_for_completion(local_pci_probe), "
                + "lock(pci_bus_sem), lock(&dev->mutex(01:00.0)))";
        assertEquals(MatrixDiff.signature(failure(cycle)), MatrixDiff.signature(failure(rotated)));
        assertEquals("DEADLOCK [lock(&dev->mutex(01:00.0)), lock(pci_bus_sem), wait_for_completion(local_pci_probe)]",
                MatrixDiff.signature(failure(Matrix.SETUP_TITLE + cycle)));
        assertEquals("DEADLOCK: eehd recursive lock(pci_rescan_remove_lock)",
                MatrixDiff.signature(failure("DEADLOCK: eehd recursive lock(pci_rescan_remove_lock)")),
                "a recursion is its task's: another task recursing on the lock is another bug");
    }

    private static CellFailure failure(String title) {
        return new CellFailure("DEADLOCK", title, "", 1, 0, List.of(), "", title);
    }

    @Test
    void aBugTheBaseShowsNowhereIsIntroducedEvenBehindASetupFailure() {
        Cell unset = cell("bind_pf+aer", true, "LOCKING_BUG", "LOCKING_BUG: lockdep_assert_held(pci_rescan_remove_lock)");
        Cell reached = cell("bind_pf+aer", false, "DEADLOCK", "DEADLOCK: aer_isr \u21c4 bind_store " + ABBA);
        MatrixDiff d = diff(List.of(unset), List.of(reached));
        assertEquals(1, d.introduced().size(), d.text());
        assertEquals(1, d.exitCode());
        Cell other = cell("load_pf+aer", false, "DEADLOCK", "DEADLOCK: aer_isr \u21c4 modprobe (pci_rescan_remove_lock, "
                + "&dev->mutex/PF)");
        assertEquals(1, diff(List.of(other, unset), List.of(other, reached)).introduced().size(),
                "a deadlock over other locks is another bug");
        Cell stillUnset = cell("bind_pf+aer", true, "DEADLOCK", "DEADLOCK: modprobe recursive lock(pci_rescan_remove_lock)");
        assertEquals(1, diff(List.of(unset), List.of(stillUnset)).introduced().size(),
                "a setup that fails another way is no cell made reachable");
    }
}
