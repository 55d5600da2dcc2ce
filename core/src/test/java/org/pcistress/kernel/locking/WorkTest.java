package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** flush_work: waits until the work has run, for every flusher, however many and however late. */
@Timeout(30)
class WorkTest {

    private final Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false).withHungTaskMillis(2000));

    @Test
    void flushingAWorkThatAlreadyRanReturnsAtOnce() {
        KernelBug bug = kernel.runCatching("t", () -> {
            Work<Integer> w = Work.init(kernel, "fn", () -> 42).queue();
            assertEquals(42, w.flush());
            assertEquals(42, w.flush(), "flush_work on an idle work returns at once");
        });
        assertEquals(null, bug);
        assertTrue(kernel.quiesce());
        assertTrue(kernel.reports().isEmpty(), kernel.reports().toString());
    }

    @Test
    void twoFlushersOfOneWorkBothReturn() throws Exception {
        CountDownLatch run = new CountDownLatch(1);
        AtomicReference<Work<Integer>> work = new AtomicReference<>();
        CountDownLatch queued = new CountDownLatch(1);
        Actors a = new Actors(kernel)
                .start("queuer", () -> {
                    work.set(Work.init(kernel, "fn", () -> {
                        MutexTest.awaitLatch(run);
                        return 7;
                    }).queue());
                    queued.countDown();
                    assertEquals(7, work.get().flush());
                });
        MutexTest.awaitLatch(queued);
        a.start("other", () -> assertEquals(7, work.get().flush()));
        Actors.await(() -> LateEdgeTest.sleepingOnCompletion(kernel) == 2, "both flushers sleep");
        run.countDown();
        a.join(10);
        assertTrue(a.bugs().isEmpty(), a.bugs().toString());
        assertTrue(kernel.quiesce());
        assertTrue(kernel.reports().isEmpty(), kernel.reports().toString());
    }
}
