package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Replay;
import org.pcistress.explore.Scenario;
import org.pcistress.model.entry.EntryPoint;

/**
 * The explorer on the PCI model: the 2017 AER deadlock (v4.14), the v6.18 self-deadlock
 * (05703271c3cd), and the fixes proven for their scenarios within two preemptions.
 */
class PciExplorerTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    private static Scenario cell(String spec, EntryPoint... entries) {
        return new PciTarget(spec).plan(List.of(entries).stream().map(PciTarget::entry).toList()).scenario();
    }

    @Test
    void the2017AerDeadlockIsFoundWithAMinimalTrace() {
        long t0 = System.nanoTime();
        ExploreResult first = Explorer.explore(cell("v4.14", EntryPoint.BIND_PF, EntryPoint.AER));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("DEADLOCK", first.verdict(), first.summary());
        System.out.printf("2017 AER deadlock found in %.3f s after %d execution(s)%n", seconds, first.executions());
        ExploreResult min = Explorer.explore(cell("v4.14", EntryPoint.BIND_PF, EntryPoint.AER), MINIMAL);
        Counterexample c = min.counterexamples().get("DEADLOCK");
        assertTrue(c.length() <= first.shortest().length());
        // v4.14's AER handler is a work item (aer_isr on a kworker); the probe runs in another kworker
        assertEquals(3, c.tasks().size(), c.tasks().toString());
        assertEquals("bind_store", c.tasks().get(0));
        assertTrue(c.tasks().get(1).startsWith("kworker/") && c.tasks().get(1).endsWith("+aer_isr"), c.tasks().toString());
        assertTrue(c.tasks().get(2).startsWith("kworker/") && c.tasks().get(2).endsWith("+local_pci_probe"), c.tasks().toString());
        assertTrue(c.table().contains("down_read(pci_bus_sem)"), c.table());
        assertTrue(c.table().contains("down_write(pci_bus_sem)"), c.table());
        assertTrue(c.table().contains("wait_for_completion(local_pci_probe)  <-- sleeps"), c.table());
        assertTrue(c.text().contains("3 tasks wait for each other"), c.text());
    }

    @Test
    void theV618RemoveSelfDeadlockIsOneTaskThreeSteps() {
        ExploreResult r = Explorer.explore(cell("v6.18", EntryPoint.REMOVE_PF), MINIMAL);
        Counterexample c = r.counterexamples().get("DEADLOCK");
        assertEquals(List.of("remove_store"), c.tasks(), c.text());
        assertEquals(3, c.length(), c.text());
        assertTrue(c.title().contains("recursive lock(pci_rescan_remove_lock)"), c.title());
        assertTrue(c.table().contains("sriov_del_vfs()"), c.table());
    }

    @Test
    void theRevertProvesTheRemoveCellForAllSchedules() {
        // no schedule of this cell needs more than two preemptions: the bounded search is a proof
        ExploreResult r = Explorer.explore(cell("v7.0", EntryPoint.NUMVFS_0, EntryPoint.REMOVE_PF), MINIMAL);
        assertTrue(r.exhausted(), r.summary());
        assertEquals(-1, r.boundReached());
        assertEquals("proved (all schedules)", r.claim(), r.summary());
    }

    @Test
    void listSnapshotProvesThe2017ScenarioUpToTwoPreemptions() {
        ExploreResult r = Explorer.explore(cell("v4.14+list-snapshot", EntryPoint.BIND_PF, EntryPoint.AER), MINIMAL);
        System.out.println(r.summary());
        assertEquals("OK", r.verdict(), r.summary());
        assertTrue(r.exhausted() && r.coverage().contains("a proof for this bound"), r.coverage());
    }

    @Test
    void deferredEnumerationProvesThe2017ScenarioUpToTwoPreemptions() {
        ExploreResult r = Explorer.explore(cell("v4.14+deferred-enumeration", EntryPoint.BIND_PF, EntryPoint.AER), MINIMAL);
        System.out.println(r.summary());
        assertEquals("OK", r.verdict(), r.summary());
        assertTrue(r.exhausted(), r.coverage());
    }

    @Test
    void replayReproducesThe2017Counterexample() {
        Scenario s = cell("v4.14", EntryPoint.BIND_PF, EntryPoint.AER);
        Counterexample c = Explorer.explore(s, MINIMAL).counterexamples().get("DEADLOCK");
        Replay again = Explorer.replay(s, c.schedule().compact());
        assertEquals("DEADLOCK", again.verdict());
        assertEquals(c.table(), again.counterexample().table());
    }

    @Test
    void theDiffFromV510ToV618ReportsTheNewSelfDeadlock() {
        List<List<Entry>> singles = Matrix.cells(new PciTarget("v5.10").entries()).stream()
                .filter(c -> c.size() == 1).toList();
        MatrixResult a = Matrix.run(new PciTarget("v5.10"), singles, MINIMAL, line -> { });
        MatrixResult b = Matrix.run(new PciTarget("v6.18"), singles, MINIMAL, line -> { });
        MatrixDiff d = MatrixDiff.compare(a, b);
        System.out.println(d.text());
        assertEquals(1, d.exitCode());
        MatrixDiff.Change remove = d.introduced().stream().filter(c -> c.key().equals("remove_pf")).findFirst()
                .orElseThrow(() -> new AssertionError(d.text()));
        assertEquals(List.of("DEADLOCK"), remove.introduced());
        assertEquals(0, MatrixDiff.compare(b, b).exitCode());
    }
}
