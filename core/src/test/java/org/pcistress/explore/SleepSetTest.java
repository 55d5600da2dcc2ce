package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Sleep sets keep every verdict of the unbounded search and run fewer schedules. */
class SleepSetTest {
    private static final ExploreOptions FULL = ExploreOptions.defaults()
            .withStop(ExploreOptions.Stop.MINIMAL).withPreemptionBound(-1).withReleasePoints(true);

    @Test
    void sleepSetsKeepTheVerdictsAndCutTheSearch() {
        for (Scenario s : new Scenario[] {LockScenarios.mutexAbba(), LockScenarios.mutexOrdered(),
                LockScenarios.recursiveReadVsWriter(), LockScenarios.lostCompletion()}) {
            ExploreResult plain = Explorer.explore(s, FULL);
            ExploreResult reduced = Explorer.explore(s, FULL.unboundedWithSleepSets());
            assertTrue(plain.exhausted() && reduced.exhausted(), s.name());
            assertEquals(plain.verdict(), reduced.verdict(), s.name());
            assertTrue(reduced.executions() - reduced.covered() <= plain.executions(),
                    s.name() + ": " + reduced.summary() + " vs " + plain.summary());
            System.out.printf("%-28s unbounded %5d executions; sleep sets %5d (%d cut short)%n", s.name(),
                    plain.executions(), reduced.executions() - reduced.covered(), reduced.covered());
        }
    }

    @Test
    void independentTasksCollapseToOneCompleteSchedule() {
        ExploreResult plain = Explorer.explore(LockScenarios.independent(), FULL);
        ExploreResult reduced = Explorer.explore(LockScenarios.independent(), FULL.unboundedWithSleepSets());
        assertEquals("OK", reduced.verdict());
        long complete = reduced.executions() - reduced.covered();
        System.out.printf("independent-mutexes: unbounded %d executions; sleep sets %d (%d cut short)%n",
                plain.executions(), complete, reduced.covered());
        assertTrue(complete * 2 < plain.executions(), complete + " vs " + plain.executions());
    }

    @Test
    void sleepSetsNeedAnUnboundedSearch() {
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ExploreOptions(2, ExploreOptions.Stop.FIRST, 1, java.time.Duration.ofSeconds(1), 10, true,
                        java.time.Duration.ofSeconds(1), false)).getMessage().contains("unbounded"));
    }
}
