package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The explorer on locking-layer scenarios whose answers are known. */
class ExplorerTest {

    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    @Test
    void mutexAbbaIsADeadlockWithATwoColumnTable() {
        ExploreResult r = Explorer.explore(LockScenarios.mutexAbba());
        assertEquals("DEADLOCK", r.verdict());
        Counterexample c = r.shortest();
        assertEquals(4, c.length(), c.text());
        assertEquals(1, c.preemptions());
        String header = c.table().lines().findFirst().orElseThrow();
        assertTrue(header.contains("CPU0") && header.contains("CPU1") && !header.contains("CPU2"), header);
        assertTrue(c.table().contains("mutex_lock(A)  <-- sleeps"), c.table());
        assertTrue(c.table().contains("<-- DEADLOCK"), c.table());
        assertTrue(c.text().contains("wait-for cycle"), c.text());
    }

    @Test
    void consistentOrderExhaustsWithoutFailure() {
        ExploreResult r = Explorer.explore(LockScenarios.mutexOrdered(), MINIMAL);
        assertEquals("OK", r.verdict());
        assertTrue(r.exhausted(), r.summary());
        // two tasks, two locks: no schedule needs more than two preemptions, so the bound left
        // nothing out and the search is a proof for all schedules
        assertTrue(r.proved(), r.summary());
        assertEquals("proved (all schedules)", r.claim());
        assertTrue(r.coverage().contains("proved for all schedules"), r.coverage());
        ExploreResult tight = Explorer.explore(LockScenarios.mutexOrdered(), MINIMAL.withPreemptionBound(0));
        assertEquals("exhausted within 0 preemptions", tight.claim(), tight.summary());
        assertTrue(tight.coverage().contains("a proof for this bound"), tight.coverage());
    }

    @Test
    void recursiveDownReadBehindAQueuedWriterDeadlocksAmongThreeTasks() {
        ExploreResult r = Explorer.explore(LockScenarios.recursiveReadVsWriter(), MINIMAL);
        assertEquals("DEADLOCK", r.verdict(), r.summary());
        Counterexample c = r.shortest();
        assertEquals(3, c.tasks().size());
        assertTrue(c.table().contains("down_write(pci_bus_sem)  <-- sleeps"), c.table());
        assertTrue(c.table().contains("pci_enable_link_state()"), c.table());
    }

    @Test
    void workOnCpuUnderTheMutexItsWorkerWantsDeadlocksAcrossTasks() {
        ExploreResult r = Explorer.explore(LockScenarios.workOnCpuUnderMutex(), MINIMAL);
        assertEquals("DEADLOCK", r.verdict(), r.summary());
        assertTrue(r.exhausted());
        assertEquals(r.executions(), r.failing(), "every schedule deadlocks");
        Counterexample c = r.shortest();
        assertEquals(2, c.tasks().size());
        assertTrue(c.tasks().get(1).startsWith("kworker/"), c.tasks().toString());
        assertTrue(c.table().contains("wait_for_completion(local_pci_probe)"), c.table());
    }

    @Test
    void aWaitNoOneWillEndIsADeadlockTheDetectorCannotSee() {
        ExploreResult r = Explorer.explore(LockScenarios.lostCompletion());
        assertEquals("DEADLOCK", r.verdict(), r.summary());
        Counterexample c = r.shortest();
        assertTrue(c.title().startsWith("DEADLOCK: no task can run"), c.title());
        assertTrue(c.text().contains("wait_for_completion(vfio_release)"), c.text());
    }

    @Test
    void replayReproducesTheCounterexample() {
        Scenario s = LockScenarios.recursiveReadVsWriter();
        Counterexample c = Explorer.explore(s).shortest();
        Replay again = Explorer.replay(s, c.schedule().compact());
        assertEquals("DEADLOCK", again.verdict());
        assertNotNull(again.counterexample());
        assertEquals(c.table(), again.counterexample().table());
        assertEquals(c.schedule(), again.schedule());
        Replay dotted = Explorer.replay(s, c.schedule().dotted());
        assertEquals(c.table(), dotted.counterexample().table());
    }

    @Test
    void aScheduleThatDivergesIsRejected() {
        Scenario s = LockScenarios.mutexAbba();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explorer.replay(s, "0.7"));
        assertTrue(e.getMessage().contains("diverges at step 2"), e.getMessage());
    }

    @Test
    void withoutPreemptionsAbbaCannotDeadlockWithOneItMust() {
        ExploreResult none = Explorer.explore(LockScenarios.mutexAbba(), MINIMAL.withPreemptionBound(0));
        assertTrue(none.exhausted());
        assertEquals("OK", none.verdict(), none.summary());
        ExploreResult one = Explorer.explore(LockScenarios.mutexAbba(), MINIMAL.withPreemptionBound(1));
        assertEquals("DEADLOCK", one.verdict());
        ExploreResult two = Explorer.explore(LockScenarios.mutexAbba(), MINIMAL.withPreemptionBound(2));
        assertTrue(two.executions() > one.executions(), two.executions() + " vs " + one.executions());
        assertEquals(one.shortest().schedule(), two.shortest().schedule());
    }

    @Test
    void theSameSearchTwiceGivesTheSameCounterexample() {
        Counterexample a = Explorer.explore(LockScenarios.recursiveReadVsWriter(), MINIMAL).shortest();
        Counterexample b = Explorer.explore(LockScenarios.recursiveReadVsWriter(), MINIMAL).shortest();
        assertEquals(a.schedule(), b.schedule());
        assertEquals(a.text(), b.text());
    }

    @Test
    void minimalIsNeverLongerThanFirst() {
        Counterexample first = Explorer.explore(LockScenarios.recursiveReadVsWriter()).shortest();
        Counterexample min = Explorer.explore(LockScenarios.recursiveReadVsWriter(), MINIMAL).shortest();
        assertTrue(min.length() <= first.length(), min.length() + " > " + first.length());
    }

    @Test
    void releasesAsChoicePointsAddSchedulesButNoVerdict() {
        for (Scenario s : new Scenario[] {LockScenarios.mutexAbba(), LockScenarios.mutexOrdered(),
                LockScenarios.recursiveReadVsWriter(), LockScenarios.workOnCpuUnderMutex(),
                LockScenarios.lostCompletion()}) {
            ExploreResult lean = Explorer.explore(s, MINIMAL);
            ExploreResult all = Explorer.explore(s, MINIMAL.withReleasePoints(true));
            assertEquals(all.verdict(), lean.verdict(), s.name());
            assertTrue(lean.executions() <= all.executions(), s.name());
        }
    }

    @Test
    void noThreadOutlivesASearch() {
        Explorer.explore(LockScenarios.lostCompletion(), MINIMAL);
        assertEquals(0, Carriers.busy(), "a task's thread still runs after the search");
    }
}
