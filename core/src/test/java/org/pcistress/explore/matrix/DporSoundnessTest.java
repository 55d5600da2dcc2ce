package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.entry.EntryPoint;

/**
 * DPOR against the plain search without a bound on a sample of PCI cells (the full comparison,
 * every cell of every profile, is {@link DporSoundnessMeasure}): the same failure kinds, the same
 * shortest counterexample per kind, the replay self-check silent, and fewer executions. Includes
 * the cells where DPOR missed a deadlock or tripped its self-check before the model declared its
 * shared state. And the other direction: with one declaration dropped, DPOR misses what the plain
 * search finds, so this test can fail.
 */
class DporSoundnessTest {
    static final ExploreOptions PLAIN = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL)
            .withPreemptionBound(-1).withMaxExecutions(20_000);

    /** Kind → length of its shortest counterexample. */
    static Map<String, Integer> shortest(ExploreResult r) {
        Map<String, Integer> out = new TreeMap<>();
        r.counterexamples().forEach((k, c) -> out.put(k, c.length()));
        return out;
    }

    static Scenario cell(String spec, EntryPoint... entries) {
        return new PciTarget(spec).plan(java.util.Arrays.stream(entries).map(PciTarget::entry).toList()).scenario();
    }

    /** (spec, cell) pairs where the plain search finishes: failing cells of several profiles and kinds. */
    static final List<Object[]> SAMPLE = List.of(
            new Object[] {"v6.18", new EntryPoint[] {EntryPoint.BIND_PF, EntryPoint.EEH_VF}},
            new Object[] {"v4.14", new EntryPoint[] {EntryPoint.NUMVFS_N, EntryPoint.EEH_VF}},
            new Object[] {"v6.18", new EntryPoint[] {EntryPoint.BIND_PF, EntryPoint.REMOVE_PF}},
            new Object[] {"v5.10", new EntryPoint[] {EntryPoint.NUMVFS_N, EntryPoint.AER}},
            new Object[] {"v4.14", new EntryPoint[] {EntryPoint.UNBIND_PF, EntryPoint.RESET_PF}});

    @Test
    void dporAgreesWithThePlainSearchOnPciCells() {
        for (Object[] c : SAMPLE) {
            Scenario s = cell((String) c[0], (EntryPoint[]) c[1]);
            ExploreResult plain = Explorer.explore(s, PLAIN);
            ExploreResult dpor = Explorer.explore(s, PLAIN.withDpor()); // the self-check throws if it fires
            String both = c[0] + " " + s.name() + "\n" + plain.summary() + dpor.summary();
            assertTrue(plain.exhausted() && dpor.exhausted(), both);
            assertEquals(shortest(plain), shortest(dpor), both);
            assertTrue(dpor.executions() <= plain.executions(), both);
            assertEquals("proved (all schedules)", dpor.claim(), both);
        }
    }

    /**
     * Granted waits merged ({@code GrantedWait}) against DPOR reversing every race, itself checked
     * against the plain search above: the same kinds and shortest counterexamples (two of these cells
     * need the shortening by replay), never more executions, and fewer in all.
     */
    @Test
    void mergingGrantedWaitsKeepsTheResultsWithFewerExecutions() {
        long merged = 0;
        long every = 0;
        for (Object[] c : new Object[][] {
                {"v6.18", new EntryPoint[] {EntryPoint.BIND_PF, EntryPoint.EEH_VF}},      // DEADLOCK, shortened
                {"v7.0", new EntryPoint[] {EntryPoint.BIND_PF, EntryPoint.EEH_VF}},       // USE_AFTER_FREE, shortened
                {"v7.0", new EntryPoint[] {EntryPoint.BIND_PF, EntryPoint.HOT_UNPLUG}},   // USE_AFTER_FREE
                {"v5.10", new EntryPoint[] {EntryPoint.NUMVFS_N, EntryPoint.AER}}}) {     // DEADLOCK
            Scenario s = cell((String) c[0], (EntryPoint[]) c[1]);
            ExploreResult all = Explorer.explore(s, PLAIN.withDpor().withMergeGrantedWaits(false));
            ExploreResult m = Explorer.explore(s, PLAIN.withDpor());
            String both = c[0] + " " + s.name() + "\n" + all.summary() + m.summary();
            assertTrue(all.exhausted() && m.exhausted(), both);
            assertEquals(shortest(all), shortest(m), both);
            assertTrue(m.executions() <= all.executions(), both);
            merged += m.executions();
            every += all.executions();
        }
        assertTrue(merged < every, merged + " executions merged, " + every + " reversing every race");
    }

    /**
     * The cells where DPOR tripped its self-check before the model declared its shared state
     * (bind_pf+eeh_vf, load_pf+eeh_vf): the plain search does not finish there, so DPOR must find
     * every kind the plain search found within its budget, no longer, and finish.
     */
    @Test
    void dporCoversWhatThePlainSearchFindsWhereItCannotFinish() {
        for (String spec : new String[] {"v7.0"}) {
            for (EntryPoint e : new EntryPoint[] {EntryPoint.BIND_PF, EntryPoint.LOAD_PF}) {
                Scenario s = cell(spec, e, EntryPoint.EEH_VF);
                ExploreResult plain = Explorer.explore(s, PLAIN.withMaxExecutions(600));
                ExploreResult dpor = Explorer.explore(s, PLAIN.withDpor());
                String both = spec + " " + s.name() + "\n" + plain.summary() + dpor.summary();
                assertTrue(dpor.exhausted() && plain.failed(), both);
                shortest(plain).forEach((kind, length) -> {
                    assertTrue(shortest(dpor).containsKey(kind), both);
                    assertTrue(shortest(dpor).get(kind) <= length, both);
                });
            }
        }
    }

    /** Drops the declarations of one field ({@code "*"}: of every field), as a model that forgot them would. */
    static Scenario dropping(Scenario s, String field) {
        return Scenario.of(s.name() + " without " + field, sched -> s.build(new Scheduler() {
            @Override
            public void point(Task self, Op op, Object target) {
                sched.point(self, op, target);
            }

            @Override
            public void lock() {
                sched.lock();
            }

            @Override
            public void unlock() {
                sched.unlock();
            }

            @Override
            public long block(Task self, long nanos) {
                return sched.block(self, nanos);
            }

            @Override
            public void wake(Task task) {
                sched.wake(task);
            }

            @Override
            public void attached(Task task) {
                sched.attached(task);
            }

            @Override
            public void start(Task task, Runnable body) {
                sched.start(task, body);
            }

            @Override
            public void exited(Task task) {
                sched.exited(task);
            }

            @Override
            public void footprint(Object owner, String f, boolean write) {
                if (!field.equals("*") && !field.equals(f)) {
                    sched.footprint(owner, f, write);
                }
            }
        }));
    }

    /**
     * The other direction: with the model's declarations ignored (locks, completions and tasks
     * only, as before they existed), DPOR no longer agrees with the plain search on a cell where
     * a VF is freed under EEH: its self-check catches the missed interaction, or its verdict differs.
     */
    @Test
    void withoutTheDeclarationsDporGetsACellWrong() {
        Scenario s = cell("v4.14", EntryPoint.NUMVFS_N, EntryPoint.EEH_VF);
        ExploreResult plain = Explorer.explore(s, PLAIN);
        assertEquals(shortest(plain), shortest(Explorer.explore(s, PLAIN.withDpor())));
        Map<String, Integer> without;
        try {
            without = shortest(Explorer.explore(dropping(s, "*"), PLAIN.withDpor()));
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("misses an interaction"), e.getMessage());
            return;
        }
        assertNotEquals(shortest(plain), without, "DPOR without the model's declarations");
    }
}
