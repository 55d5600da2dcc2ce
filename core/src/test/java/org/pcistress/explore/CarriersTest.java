package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;

/** The threads behind the explorer's tasks: reused, and started no earlier than they are needed. */
class CarriersTest {

    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);
    private static final long BOUND = TimeUnit.SECONDS.toNanos(30);

    @Test
    void aBodyStartedAfterAnotherEndedRunsOnTheSameCarrier() {
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        Carriers.Job a = Carriers.start("carrier-test-a", () -> first.set(Thread.currentThread()));
        assertTrue(a.awaitDone(System.nanoTime() + BOUND), "the first body did not end");
        // the carrier went back to the idle ones before its job was done: the next start takes it
        Carriers.Job b = Carriers.start("carrier-test-b", () -> second.set(Thread.currentThread()));
        assertTrue(b.awaitDone(System.nanoTime() + BOUND), "the second body did not end");
        assertSame(first.get(), second.get(), "an idle carrier was not reused");
    }

    @Test
    void bodiesStartedTogetherEachGetACarrierOfTheirOwnAndAllRun() {
        ConcurrentLinkedQueue<Thread> ran = new ConcurrentLinkedQueue<>();
        List<Carriers.Job> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            jobs.add(Carriers.start("carrier-test-" + i, () -> ran.add(Thread.currentThread())));
        }
        for (Carriers.Job j : jobs) {
            assertTrue(j.awaitDone(System.nanoTime() + BOUND), "a body started beside others never ran");
        }
        assertEquals(4, ran.size());
        assertEquals(0, Carriers.busy());
    }

    @Test
    void aSpawnedTaskGetsItsThreadOnlyWhenItIsFirstChosen() {
        AtomicInteger busyAfterSpawn = new AtomicInteger(-1);
        AtomicInteger workRan = new AtomicInteger();
        Scenario s = Scenario.of("spawn-then-return", sched -> {
            Kernel k = new Kernel(KernelConfig.defaults(), sched);
            return new Setup(k, List.of(new Actor("queue_work", () -> {
                k.spawn("kworker", workRan::incrementAndGet);
                busyAfterSpawn.accumulateAndGet(Carriers.busy(), Math::max);
            })));
        });
        ExploreResult r = Explorer.explore(s, MINIMAL);
        assertEquals("OK", r.verdict(), r.summary());
        assertTrue(r.exhausted(), r.summary());
        // the actor's own carrier only: the kworker has not been chosen yet, so it has no thread
        assertEquals(1, busyAfterSpawn.get(), "a spawned task took a thread before it was chosen");
        assertTrue(workRan.get() >= r.executions(), workRan.get() + " runs of the work in " + r.executions());
        assertEquals(0, Carriers.busy(), "a task's thread still runs after the search");
    }

    @Test
    void aSpawnedTaskNeverChosenNeverRuns() {
        AtomicInteger workRan = new AtomicInteger();
        Scenario s = Scenario.of("spawn-past-the-step-limit", sched -> {
            Kernel k = new Kernel(KernelConfig.defaults(), sched);
            return new Setup(k, List.of(new Actor("queue_work", () -> {
                k.spawn("kworker", workRan::incrementAndGet);
                k.spawn("kworker", workRan::incrementAndGet);
            })));
        });
        // one step: the actor's first; the execution ends at the next choice, before any kworker runs
        ExploreResult r = Explorer.explore(s, MINIMAL.withMaxSteps(1));
        assertEquals("STEP_LIMIT", r.verdict(), r.summary());
        assertEquals(0, workRan.get(), "a task the explorer never chose ran");
        assertEquals(0, Carriers.busy(), "a task's thread still runs after the search");
    }
}
