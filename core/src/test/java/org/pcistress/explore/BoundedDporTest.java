package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;

/**
 * Bounded DPOR against the plain bounded search, bound by bound (0 to 3; with release points 0 to 2),
 * on the locking-layer scenarios: the same failure kinds,
 * the same shortest counterexample of each (its length), never more executions, and every
 * counterexample within the bound and replayable.
 */
class BoundedDporTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    /**
     * Task i takes M(i) then M(i+1 mod n), a bystander takes its own mutex twice. Result for three
     * tasks: DEADLOCK from 1 preemption on (t0 holds M0, is preempted by t2, which takes M2 and
     * blocks on M0; then t1 takes M1 and blocks on M2, and t0 blocks on M1), OK within 0: without
     * a preemption each task runs until it has taken both of its locks. The bystander's steps are
     * what DPOR need not reorder.
     */
    static Scenario ring(int n) {
        return Scenario.of("ring-" + n, s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            List<Mutex> m = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                m.add(new Mutex(k, "M" + i));
            }
            Mutex own = new Mutex(k, "own");
            List<Actor> actors = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Mutex a = m.get(i);
                Mutex b = m.get((i + 1) % n);
                actors.add(new Actor("t" + i, () -> {
                    mutexLock(a);
                    mutexLock(b);
                    mutexUnlock(b);
                    mutexUnlock(a);
                }));
            }
            actors.add(new Actor("bystander", () -> {
                for (int r = 0; r < 2; r++) {
                    mutexLock(own);
                    mutexUnlock(own);
                }
            }));
            return new Setup(k, actors);
        });
    }

    /**
     * t0 takes X, then sets a flag (a declared write after a scheduling point) and exits; t1 reads the flag first thing and,
     * if it is not set yet, takes its own mutex twice. Result: DEADLOCK at every bound, 0 included:
     * t1 first, no preemption. The first execution runs t0 first; reversing the race of the two
     * accesses in the middle of t0's run costs a preemption, so within 0 plain source-DPOR misses
     * it: only the rules for the bound find it (every task where the choice is free, here the start;
     * the reversing task also where t0's run began, the start again). Without both, this fails.
     */
    static Scenario flagAfterWork() {
        return Scenario.of("flag-after-work", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex x = new Mutex(k, "X");
            Mutex q = new Mutex(k, "Q");
            AtomicBoolean set = new AtomicBoolean();
            return new Setup(k, List.of(
                    new Actor("t0", () -> {
                        mutexLock(x);
                        mutexUnlock(x);
                        Locks.sharedAccess(set);
                        Locks.writes(set, "set");
                        set.set(true);
                    }),
                    new Actor("t1", () -> {
                        Locks.sharedAccess(set);
                        Locks.reads(set, "set");
                        if (!set.get()) {
                            mutexLock(q);
                            mutexLock(q); // AA: DEADLOCK, only before t0 set the flag
                        }
                    })));
        });
    }

    /**
     * t0 takes X, then reads a flag and, if t1 has set it, takes its own mutex twice; t1 sets the
     * flag and exits. Result: DEADLOCK at every bound, 0 included: t1 first, then t0 (the switch
     * after t1's exit is free). The first execution runs t0 first; t1 first is explored from the
     * start, where t0's step was explored already. A sleep set that let t0 sleep there (its step,
     * taking X, commutes with t1's) would end that run as covered: the equivalent schedule with t0's
     * first step moved to the front costs a preemption (t0 can go on after taking X, so leaving it
     * for t1 is one), beyond bound 0. Within a bound a task sleeps only when moving its step to the
     * front costs no more ({@code SourceDpor.moveCostsNoMore}); without that condition this fails.
     */
    static Scenario flagAfterLock() {
        return Scenario.of("flag-after-lock", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex x = new Mutex(k, "X");
            Mutex q = new Mutex(k, "Q");
            AtomicBoolean set = new AtomicBoolean();
            return new Setup(k, List.of(
                    new Actor("t0", () -> {
                        mutexLock(x);
                        Locks.sharedAccess(set);
                        Locks.reads(set, "set");
                        if (set.get()) {
                            mutexLock(q);
                            mutexLock(q); // AA: DEADLOCK, only after t1 set the flag
                        }
                        mutexUnlock(x);
                    }),
                    new Actor("t1", () -> {
                        Locks.sharedAccess(set);
                        Locks.writes(set, "set");
                        set.set(true);
                    })));
        });
    }

    static List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>(List.of(DporTest.scenarios()));
        out.add(ring(3));
        out.add(flagAfterWork());
        out.add(flagAfterLock());
        return out;
    }

    static ExploreResult[] assertSameWithinBound(Scenario s, ExploreOptions plainOptions) {
        ExploreResult plain = Explorer.explore(s, plainOptions);
        ExploreResult dpor = Explorer.explore(s, plainOptions.withDpor());
        String why = s.name() + " " + plainOptions.boundText() + "\n" + plain.summary() + dpor.summary();
        assertTrue(plain.exhausted() && dpor.exhausted(), why);
        assertEquals(DporTest.shortest(plain), DporTest.shortest(dpor), why);
        assertTrue(dpor.executions() <= plain.executions(), why);
        for (Counterexample c : dpor.counterexamples().values()) {
            assertTrue(c.preemptions() <= plainOptions.preemptionBound(), why + c.text());
            Replay again = Explorer.replay(s, c.schedule(), plainOptions);
            assertTrue(again.findings().stream().anyMatch(f -> f.kind().equals(c.kind())), c.text());
        }
        return new ExploreResult[] {plain, dpor};
    }

    /** Bounds 0 to 3 without release points, 0 to 2 with them. */
    @Test
    void boundedDporKeepsEveryKindAndShortestCounterexampleAtEachBound() {
        long plainTotal = 0;
        long dporTotal = 0;
        for (Scenario s : scenarios()) {
            for (int bound = 0; bound <= 3; bound++) {
                for (boolean releases : new boolean[] {false, true}) {
                    if (releases && bound == 3) {
                        continue; // release points at bound 3: tens of thousands of plain executions, no new case
                    }
                    ExploreResult[] r = assertSameWithinBound(s,
                            MINIMAL.withPreemptionBound(bound).withReleasePoints(releases));
                    plainTotal += r[0].executions();
                    dporTotal += r[1].executions();
                }
            }
        }
        System.out.printf("locking-layer scenarios, bounds 0-3: plain %d executions, bounded DPOR %d%n",
                plainTotal, dporTotal);
    }

    @Test
    void theRingNeedsOnePreemption() {
        for (int bound = 0; bound <= 3; bound++) {
            ExploreResult d = Explorer.explore(ring(3), MINIMAL.withPreemptionBound(bound).withDpor());
            assertEquals(bound >= 1 ? "DEADLOCK" : "OK", d.verdict(), d.summary());
        }
        // the first failure, iterating the bound as the plain search does
        ExploreResult first = Explorer.explore(ring(3), ExploreOptions.defaults().withPreemptionBound(3).withDpor());
        assertEquals("DEADLOCK", first.verdict(), first.summary());
        assertEquals(1, first.boundReached(), first.summary());
    }

    @Test
    void withinNoPreemptionTheBoundRulesReverseTheRace() {
        ExploreResult d = Explorer.explore(flagAfterWork(), MINIMAL.withPreemptionBound(0).withDpor());
        assertEquals("DEADLOCK", d.verdict(), d.summary());
        assertEquals(0, d.counterexamples().get("DEADLOCK").preemptions(), d.summary());
    }

    @Test
    void dporKeepsTheBoundItIsGiven() {
        ExploreOptions o = ExploreOptions.defaults().withDpor();
        assertEquals(2, o.preemptionBound());
        assertEquals("\u22642 preemptions (DPOR)", o.boundText());
        assertEquals(-1, o.withPreemptionBound(-1).preemptionBound());
        assertTrue(o.withPreemptionBound(-1).dpor());
    }
}
