package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexTrylock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.locking.Completion;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;

/**
 * DPOR with granted waits merged ({@link GrantedWait}) against the plain search and against DPOR
 * reversing every race: the same kinds and shortest counterexamples, fewer executions; and a look
 * at a lock without waiting undoes the merge.
 */
class GrantedWaitTest {
    private static final ExploreOptions PLAIN = ExploreOptions.defaults()
            .withStop(ExploreOptions.Stop.MINIMAL).withPreemptionBound(-1);

    /**
     * Three tasks each prepare (a step of their own), then hold L across a scheduling point. DPOR
     * reversing every race runs each task's wait both asleep behind the holder and after the
     * release; merged, once. Result: Never.
     */
    static Scenario contended() {
        return Scenario.of("contended", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex l = new Mutex(k, "L");
            Runnable body = () -> {
                Locks.sharedAccess("prepare");
                mutexLock(l);
                Locks.sharedAccess("work under L");
                mutexUnlock(l);
            };
            return new Setup(k, List.of(new Actor("t0", body), new Actor("t1", body), new Actor("t2", body)));
        });
    }

    /**
     * t0 takes L and, holding it, waits for t1's completion C; t1 raises a flag, completes C, takes L
     * and lowers the flag; t2, seeing the flag up, tries L without waiting and self-deadlocks (on its
     * own mutex X) if it gets L while the flag is up and t0 is done: only when t1's wait comes after
     * t0's release. The first execution (t0 until it sleeps on C, t1 until it sleeps on L, t0, t1,
     * t2) merges t1's granted wait on L and has no trylock (t2 runs last, the flag is down); a later
     * one shows the trylock, so the merge must be undone for DPOR to see the deadlock.
     * Result: DEADLOCK.
     */
    static Scenario peek() {
        return Scenario.of("peek", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex l = new Mutex(k, "L");
            Mutex x = new Mutex(k, "X");
            Completion c = new Completion(k, "C");
            AtomicBoolean flag = new AtomicBoolean();
            AtomicBoolean done = new AtomicBoolean();
            Actor holder = new Actor("t0", () -> {
                mutexLock(l);
                c.waitForCompletion();
                Locks.writes(done, "done");
                done.set(true);
                mutexUnlock(l);
            });
            Actor waiter = new Actor("t1", () -> {
                Locks.sharedAccess(flag);
                Locks.writes(flag, "flag");
                flag.set(true);
                c.complete();
                mutexLock(l);
                Locks.writes(flag, "flag");
                flag.set(false);
                mutexUnlock(l);
            });
            Actor peeker = new Actor("t2", () -> {
                Locks.sharedAccess(flag);
                Locks.reads(flag, "flag");
                if (flag.get() && mutexTrylock(l)) {
                    Locks.reads(done, "done");
                    if (done.get()) {
                        mutexLock(x);
                        mutexLock(x); // AA: DEADLOCK
                    }
                    mutexUnlock(l);
                }
            });
            return new Setup(k, List.of(holder, waiter, peeker));
        });
    }

    @Test
    void mergedWaitsRunFewerExecutionsWithTheSameResults() {
        for (Scenario s : DporTest.scenarios()) {
            ExploreResult every = Explorer.explore(s, PLAIN.withDpor().withMergeGrantedWaits(false));
            ExploreResult merged = Explorer.explore(s, PLAIN.withDpor());
            assertEquals(DporTest.shortest(every), DporTest.shortest(merged), s.name() + "\n" + every.summary() + merged.summary());
            assertTrue(merged.executions() <= every.executions(), every.summary() + merged.summary());
        }
        Scenario c = contended();
        ExploreResult plain = Explorer.explore(c, PLAIN);
        ExploreResult every = Explorer.explore(c, PLAIN.withDpor().withMergeGrantedWaits(false));
        ExploreResult merged = Explorer.explore(c, PLAIN.withDpor());
        assertEquals("OK", merged.verdict());
        assertTrue(merged.proved(), merged.summary());
        assertTrue(merged.executions() <= every.executions() && every.executions() < plain.executions(),
                plain.summary() + every.summary() + merged.summary());
        System.out.printf("contended: plain %d, DPOR every race %d, DPOR merged %d executions%n",
                plain.executions(), every.executions(), merged.executions());
    }

    @Test
    void aLookWithoutWaitingUndoesTheMerge() {
        Scenario p = peek();
        ExploreResult plain = Explorer.explore(p, PLAIN);
        assertEquals("DEADLOCK", plain.verdict(), plain.summary());
        ExploreResult merged = Explorer.explore(p, PLAIN.withDpor());
        assertEquals(DporTest.shortest(plain), DporTest.shortest(merged), plain.summary() + merged.summary());
        assertTrue(merged.exhausted() && merged.claim().equals("proved (all schedules)"), merged.summary());
        DporTest.assertSameAsPlain(p, PLAIN);
    }

    @Test
    void aTrylockMarksItsMutexAsLookedAt() {
        // t2's trylock of L is a look; once a granted wait on L was merged, the search is invalid
        SourceDpor tree = new SourceDpor(-1, true);
        boolean invalid = false;
        for (int i = 0; i < 50 && !invalid; i++) {
            tree.begin();
            Execution e = Execution.runReplaying(peek(), tree, PLAIN);
            tree.learn(e.steps());
            invalid = tree.mergeInvalid();
            if (!tree.backtrack()) {
                break;
            }
        }
        assertTrue(invalid, "a trylock of a mutex whose granted waits were merged must undo the merge");
    }
}
