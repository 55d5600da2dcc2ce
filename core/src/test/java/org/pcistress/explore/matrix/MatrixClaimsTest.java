package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.model.entry.EntryPoint;

/**
 * What a matrix cell claims, checked against the plain searches: a cell proved for all schedules
 * has the failure kinds and shortest counterexamples of the plain search without a bound; a
 * parallel matrix is the sequential one, cell for cell, in cell order; DPOR's self-check stops
 * where the PCI model shares state it does not name.
 */
class MatrixClaimsTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);
    private static final PciTarget REVERT = new PciTarget("v7.0");

    private static List<Entry> cell(EntryPoint... es) {
        return List.of(es).stream().map(PciTarget::entry).toList();
    }

    private static Map<String, Integer> shortest(ExploreResult r) {
        Map<String, Integer> out = new TreeMap<>();
        r.counterexamples().forEach((k, c) -> out.put(k, c.length()));
        return out;
    }

    @Test
    void aProvedCellHasThePlainUnboundedSearchsKindsAndShortestCounterexamples() {
        // proved by the bounded search itself (its bound left nothing out), by DPOR within the proof
        // budget, and one that stays bounded (DPOR does not finish within it)
        Object[][] cases = {
            {cell(EntryPoint.NUMVFS_0, EntryPoint.REMOVE_PF), "proved (all schedules)"},
            {cell(EntryPoint.BIND_PF, EntryPoint.UNBIND_PF), "proved (all schedules)"},
            {cell(EntryPoint.BIND_PF, EntryPoint.RESCAN), "exhausted within 2 preemptions"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<Entry> entries = (List<Entry>) c[0];
            Scenario s = REVERT.plan(entries).scenario();
            ExploreResult claimed = Explorer.proveOrBound(s, MINIMAL, Matrix.PROOF_EXECUTIONS);
            assertEquals(c[1], claimed.claim(), Matrix.key(entries) + "\n" + claimed.summary());
            ExploreResult reference = Explorer.explore(s, claimed.claim().startsWith("proved")
                    ? MINIMAL.withPreemptionBound(-1) : MINIMAL);
            assertTrue(reference.exhausted(), reference.summary());
            assertEquals(shortest(reference), shortest(claimed), Matrix.key(entries));
        }
    }

    @Test
    void theParallelMatrixIsTheSequentialOneCellForCell() {
        List<List<Entry>> cells = List.of(cell(EntryPoint.REMOVE_PF), cell(EntryPoint.BIND_PF, EntryPoint.AER),
                cell(EntryPoint.UNBIND_PF, EntryPoint.EEH_VF), cell(EntryPoint.NUMVFS_0, EntryPoint.HOT_UNPLUG),
                cell(EntryPoint.BIND_PF, EntryPoint.HOT_UNPLUG));
        MatrixResult one = Matrix.run(REVERT, cells, MINIMAL, Matrix.PROOF_EXECUTIONS, 1, line -> { });
        List<String> progress = new java.util.ArrayList<>();
        MatrixResult two = Matrix.run(REVERT, cells, MINIMAL, Matrix.PROOF_EXECUTIONS, 2, progress::add);
        assertEquals(cells.size(), two.cells().size());
        for (int i = 0; i < cells.size(); i++) {
            Cell a = one.cells().get(i);
            Cell b = two.cells().get(i);
            assertEquals(Matrix.key(cells.get(i)), b.key());
            assertTrue(progress.get(i).contains(b.key()), progress.get(i));
            assertEquals(a.verdict(), b.verdict(), a.key());
            assertEquals(a.claim(), b.claim(), a.key());
            assertEquals(a.executions(), b.executions(), a.key());
            assertEquals(a.failures().stream().map(f -> f.kind() + f.schedule()).toList(),
                    b.failures().stream().map(f -> f.kind() + f.schedule()).toList(), a.key());
        }
    }
}
