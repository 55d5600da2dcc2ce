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
 * Bounded DPOR against the plain bounded search on a sample of PCI cells, bound by bound, and
 * without a bound where the plain search finishes: the same failure kinds, the same shortest
 * counterexample of each (its length), never more executions, every counterexample within the
 * bound and replayable. (ReductionMeasure compares every cell of every built-in profile at bounds 2
 * and 3.)
 */
class BoundedDporPciTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    /** Spec, cell, the highest bound compared (a few hundred executions at most), and whether unbounded too. */
    private record Sample(String spec, List<EntryPoint> cell, int maxBound, boolean unbounded) {
    }

    private static final List<Sample> SAMPLE = List.of(
            new Sample("v5.10", List.of(EntryPoint.NUMVFS_N, EntryPoint.AER), 3, true),               // DEADLOCK
            new Sample("v7.0", List.of(EntryPoint.BIND_PF, EntryPoint.UNBIND_PF), 3, true),           // LOCKING_BUG
            new Sample("v6.18", List.of(EntryPoint.REMOVE_PF, EntryPoint.NUMVFS_READ), 3, true),      // DEADLOCK
            new Sample("v7.0", List.of(EntryPoint.BIND_PF, EntryPoint.AER), 2, false),                // the 2017 DEADLOCK
            new Sample("v7.0", List.of(EntryPoint.BIND_PF, EntryPoint.EEH_VF), 2, false),             // USE_AFTER_FREE
            new Sample("v5.10", List.of(EntryPoint.NUMVFS_0, EntryPoint.RESCAN), 1, false));          // list corruption

    private static void assertSame(Scenario s, ExploreOptions o, String what) {
        ExploreResult plain = Explorer.explore(s, o);
        ExploreResult dpor = Explorer.explore(s, o.withDpor());
        String both = what + " " + o.boundText() + "\n" + plain.summary() + dpor.summary();
        assertTrue(plain.exhausted() && dpor.exhausted(), both);
        assertEquals(DporSoundnessTest.shortest(plain), DporSoundnessTest.shortest(dpor), both);
        // DPOR's executions count the replays that check and shorten its counterexamples; within no
        // preemption at all the plain search runs a handful of schedules and those replays can outnumber them
        assertTrue(o.preemptionBound() == 0 || dpor.executions() <= plain.executions(), both);
        for (Counterexample c : dpor.counterexamples().values()) {
            assertTrue(o.preemptionBound() < 0 || c.preemptions() <= o.preemptionBound(), both + c.text());
            Replay again = Explorer.replay(s, c.schedule().compact());
            assertTrue(again.findings().stream().anyMatch(f -> f.kind().equals(c.kind())), c.text());
        }
    }

    @Test
    void boundedDporAgreesWithThePlainSearchOnPciCells() {
        for (Sample x : SAMPLE) {
            Scenario s = new PciTarget(x.spec()).plan(x.cell().stream().map(PciTarget::entry).toList()).scenario();
            String what = x.spec() + " " + s.name();
            for (int bound = 0; bound <= x.maxBound(); bound++) {
                assertSame(s, MINIMAL.withPreemptionBound(bound), what);
            }
            if (x.unbounded()) {
                assertSame(s, MINIMAL.withPreemptionBound(-1).withMaxExecutions(5_000), what);
            }
        }
    }
}
