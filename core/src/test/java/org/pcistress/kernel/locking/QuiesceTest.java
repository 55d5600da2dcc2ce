package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.ReportKind;

@Timeout(30)
class QuiesceTest {

    /**
     * A task that quiesce is waiting for spawns more (a kworker queueing work) and exits. The new
     * ones must be waited for too: quiesce may not say "all exited" while one still runs. (With
     * more than 24 tasks the map holding them grows while quiesce walks it, and tasks 32 and 33
     * land in bins the walk has passed.)
     */
    @Test
    void tasksSpawnedWhileQuiesceWaitsAreWaitedForToo() throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false).withHungTaskMillis(1000));
        for (int i = 0; i < 20; i++) {
            kernel.run("filler" + i, () -> { });
        }
        Thread harness = Thread.currentThread();
        CountDownLatch childGo = new CountDownLatch(1);
        AtomicReference<Task> last = new AtomicReference<>();
        kernel.spawn("parent", () -> {
            Actors.await(() -> harness.getState() == Thread.State.TIMED_WAITING, "quiesce joins the parent");
            for (int i = 0; i < 12; i++) {
                boolean lastOne = i == 11;
                Task t = kernel.spawn("child" + i, () -> {
                    if (lastOne) {
                        try {
                            childGo.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
                if (lastOne) {
                    last.set(t);
                }
            }
        });
        boolean allExited = kernel.quiesce();
        boolean childRunning = last.get() != null && !last.get().hasExited();
        childGo.countDown();
        assertFalse(allExited && childRunning, "quiesce returned true while " + last.get() + " still ran");
        assertTrue(!allExited || !childRunning);
        if (!allExited) {
            assertTrue(kernel.hasReport(ReportKind.HUNG_TASK));
        }
        assertTrue(kernel.quiesce());
    }
}
