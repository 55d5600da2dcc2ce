package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several threads take random sets of locks, always in one global order, so no deadlock is
 * possible: the detector and the validator must report nothing over 10^5 acquisitions, while the
 * contention exercises every slow path (queues, hand-off, reader batches).
 */
@Timeout(120)
class NoFalsePositiveStressTest {

    @Test
    void randomLockSetsInOneGlobalOrderNeverReport() throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults());
        int mutexes = 6;
        int sems = 2;
        KernelLock[] order = new KernelLock[mutexes + sems];
        for (int i = 0; i < order.length; i++) {
            order[i] = i % 4 == 1 && sems-- > 0 ? new RwSemaphore(kernel, "sem" + i) : new Mutex(kernel, "m" + i);
        }
        AtomicLong acquisitions = new AtomicLong();
        int threads = 4;
        long perThread = 30_000;
        Actors actors = new Actors(kernel);
        for (int t = 0; t < threads; t++) {
            long seed = 42 + t;
            actors.start("T" + t, () -> run(order, new SplittableRandom(seed), perThread, acquisitions));
        }
        actors.join(100);
        assertTrue(acquisitions.get() >= 100_000, "acquisitions: " + acquisitions.get());
        assertEquals(0, actors.bugs().size(), String.valueOf(actors.bugs()));
        assertTrue(kernel.reports().isEmpty(), kernel.reports().toString());
    }

    private static void run(KernelLock[] order, SplittableRandom rnd, long target, AtomicLong count) {
        boolean[] taken = new boolean[order.length];
        boolean[] read = new boolean[order.length];
        long done = 0;
        while (done < target) {
            for (int i = 0; i < order.length; i++) {
                taken[i] = rnd.nextInt(3) == 0;
                if (!taken[i]) {
                    continue;
                }
                if (order[i] instanceof RwSemaphore s) {
                    read[i] = rnd.nextBoolean();
                    if (read[i]) {
                        s.downRead();
                    } else {
                        s.downWrite();
                    }
                } else {
                    ((Mutex) order[i]).lock();
                }
                done++;
            }
            for (int i = order.length - 1; i >= 0; i--) {
                if (!taken[i]) {
                    continue;
                }
                if (order[i] instanceof RwSemaphore s) {
                    if (read[i]) {
                        s.upRead();
                    } else {
                        s.upWrite();
                    }
                } else {
                    ((Mutex) order[i]).unlock();
                }
            }
        }
        count.addAndGet(done);
    }
}
