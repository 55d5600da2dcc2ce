package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * DPOR against the plain unbounded search on the locking-layer scenarios: the same failure kinds,
 * the same shortest counterexample of each, fewer executions; with releases as choice points and
 * without.
 */
class DporTest {
    private static final ExploreOptions PLAIN = ExploreOptions.defaults()
            .withStop(ExploreOptions.Stop.MINIMAL).withPreemptionBound(-1);

    static Scenario[] scenarios() {
        return new Scenario[] {LockScenarios.mutexAbba(), LockScenarios.mutexOrdered(),
                LockScenarios.recursiveReadVsWriter(), LockScenarios.workOnCpuUnderMutex(),
                LockScenarios.lostCompletion(), LockScenarios.independent()};
    }

    /** Kind → length of its shortest counterexample. */
    static Map<String, Integer> shortest(ExploreResult r) {
        Map<String, Integer> out = new TreeMap<>();
        r.counterexamples().forEach((k, c) -> out.put(k, c.length()));
        return out;
    }

    static void assertSameAsPlain(Scenario s, ExploreOptions plainOptions) {
        ExploreResult plain = Explorer.explore(s, plainOptions);
        ExploreResult dpor = Explorer.explore(s, plainOptions.withDpor());
        assertTrue(plain.exhausted() && dpor.exhausted(), s.name() + "\n" + plain.summary() + dpor.summary());
        assertEquals(shortest(plain), shortest(dpor), s.name() + "\n" + plain.summary() + dpor.summary());
        assertTrue(dpor.executions() <= plain.executions(), s.name() + "\n" + plain.summary() + dpor.summary());
        for (Counterexample c : dpor.counterexamples().values()) {
            Replay again = Explorer.replay(s, c.schedule(), plainOptions);
            assertEquals(c.kind(), again.findings().get(0).kind(), c.text());
        }
        System.out.printf("%-28s releases %-5s unbounded %6d executions; DPOR %5d (%d covered) %s%n", s.name(),
                plainOptions.releasePoints(), plain.executions(), dpor.executions(), dpor.covered(), dpor.verdict());
    }

    @Test
    void dporKeepsEveryKindAndShortestCounterexample() {
        for (Scenario s : scenarios()) {
            assertSameAsPlain(s, PLAIN);
            assertSameAsPlain(s, PLAIN.withReleasePoints(true));
        }
    }

    @Test
    void independentTasksCollapseToOneSchedule() {
        ExploreResult r = Explorer.explore(LockScenarios.independent(), PLAIN.withDpor());
        assertEquals("OK", r.verdict());
        assertTrue(r.exhausted(), r.summary());
        assertEquals(1, r.executions() - r.covered(), r.summary());
        // a finished DPOR search is a proof for all schedules: every class of equivalent ones ran
        assertTrue(r.proved(), r.summary());
        assertEquals("proved (all schedules)", r.claim());
        assertTrue(r.coverage().contains("proved for all schedules"), r.coverage());
    }

    /**
     * t0 sets a flag under its own mutex; t1, under another, self-deadlocks if it reads the flag
     * before t0 set it. The flag is the model state DPOR must be told about: unmarked, the two tasks
     * look independent, DPOR runs one order and misses the deadlock the plain search finds; with the
     * accesses declared ({@code Locks.writes}/{@code Locks.reads}, no scheduling point), DPOR finds
     * it too, and the plain search runs exactly the same schedules as without the marks. This is
     * the premise of DPOR's guarantee: every piece of state steps share outside locks is declared.
     */
    static Scenario flag(boolean marked) {
        return Scenario.of(marked ? "marked-flag" : "unmarked-flag", s -> {
            org.pcistress.kernel.locking.Kernel k = new org.pcistress.kernel.locking.Kernel(
                    org.pcistress.kernel.locking.KernelConfig.defaults(), s);
            org.pcistress.kernel.locking.Mutex a = new org.pcistress.kernel.locking.Mutex(k, "A");
            org.pcistress.kernel.locking.Mutex b = new org.pcistress.kernel.locking.Mutex(k, "B");
            java.util.concurrent.atomic.AtomicBoolean set = new java.util.concurrent.atomic.AtomicBoolean();
            Actor writer = new Actor("t0", () -> {
                org.pcistress.kernel.locking.Locks.mutexLock(a);
                if (marked) {
                    org.pcistress.kernel.locking.Locks.writes(set, "set");
                }
                set.set(true);
                org.pcistress.kernel.locking.Locks.mutexUnlock(a);
            });
            Actor reader = new Actor("t1", () -> {
                org.pcistress.kernel.locking.Locks.mutexLock(b);
                if (marked) {
                    org.pcistress.kernel.locking.Locks.reads(set, "set");
                }
                if (!set.get()) {
                    org.pcistress.kernel.locking.Locks.mutexLock(b); // AA: DEADLOCK, only if t0 has not run
                }
                org.pcistress.kernel.locking.Locks.mutexUnlock(b);
            });
            return new Setup(k, java.util.List.of(writer, reader));
        });
    }

    @Test
    void dporIsSoundOnlyForSharedStateTheModelNames() {
        ExploreResult plain = Explorer.explore(flag(false), PLAIN);
        assertEquals("DEADLOCK", plain.verdict());
        assertEquals("OK", Explorer.explore(flag(false), PLAIN.withDpor()).verdict(),
                "an unmarked access hides the dependency: DPOR's one order misses the deadlock");
        ExploreResult marked = Explorer.explore(flag(true), PLAIN.withDpor());
        assertEquals("DEADLOCK", marked.verdict());
        assertEquals(shortest(plain), shortest(marked));
        ExploreResult plainMarked = Explorer.explore(flag(true), PLAIN);
        assertEquals(plain.executions(), plainMarked.executions(), "a mark is no scheduling point");
        assertEquals(plain.summary().replaceAll("[0-9.]+ s, [0-9]+ executions/s", ""),
                plainMarked.summary().replaceAll("[0-9.]+ s, [0-9]+ executions/s", "").replace("marked-flag", "unmarked-flag"));
    }

    /** Reads commute: two tasks that only read a marked field are independent. */
    @Test
    void readsCommuteWritesDoNot() {
        Footprint r1 = new Footprint();
        Footprint r2 = new Footprint();
        Footprint w = new Footprint();
        Object owner = new Object();
        r1.field(owner, "f", false);
        r2.field(owner, "f", false);
        w.field(owner, "f", true);
        assertFalse(r1.dependent(r2));
        assertTrue(r1.dependent(w) && w.dependent(r2));
        assertFalse(r1.copy().dependent(r2.copy()));
        assertTrue(r1.copy().dependent(w.copy()), "by name across executions");
        Footprint other = new Footprint();
        other.field(owner, "g", true);
        assertFalse(other.dependent(r1), "another field of the same owner");
        Footprint access = new Footprint();
        access.operation(org.pcistress.kernel.locking.Scheduler.Op.ACCESS, "anything");
        assertFalse(access.dependent(w), "a sharedAccess point declares nothing by itself");
    }
}
