package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Chain keys stay those of the held stack as it is, after out-of-order releases too. */
@Timeout(30)
class LockdepChainKeyTest {

    /** [A, B, C], release B, take D: the chain is [A, C, D], the one a task taking A, C, D validated. */
    @Test
    void anOutOfOrderReleaseRekeysTheStackToTheChainItNowIs() {
        Kernel k = new Kernel(KernelConfig.defaults().withDetector(false));
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        Mutex c = new Mutex(k, "C");
        Mutex d = new Mutex(k, "D");
        k.run("fresh", () -> {
            a.lock();
            c.lock();
            d.lock();
            d.unlock();
            c.unlock();
            a.unlock();
        });
        long slow = k.lockdep().slowValidations();
        k.run("ooo", () -> {
            a.lock();
            b.lock();
            c.lock();
            b.unlock();
            Task t = Task.current();
            assertEquals(2, t.heldDepth());
            long key = 0;
            for (int i = 0; i < t.heldDepth(); i++) {
                key = Lockdep.chainKey(key, t.heldAt(i).lock().lockClass(), t.heldAt(i).read());
                assertEquals(key, t.heldAt(i).chainKey(), "entry " + i + " kept a stale chain key");
            }
            d.lock();
            d.unlock();
            c.unlock();
            a.unlock();
        });
        assertEquals(slow + 2, k.lockdep().slowValidations(), "[A, B] and [A, B, C] are new; [A, C, D] is not");
        assertTrue(k.reports().isEmpty(), k.reports().toString());
    }

    /**
     * One validator, many kernels and threads, every thread taking the same classes in the same
     * order with its own instances: no report, each chain validated once.
     */
    @Test
    void aSharedValidatorUnderManyThreadsValidatesEachChainOnceAndReportsNothing() throws Exception {
        Lockdep shared = new Lockdep();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> ts = new ArrayList<>();
        List<Throwable> failed = new ArrayList<>();
        List<Kernel> kernels = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Kernel k = new Kernel(KernelConfig.defaults().withDetector(false).withLockdep(shared));
            kernels.add(k);
            Mutex x = new Mutex(k, "X");
            RwSemaphore y = new RwSemaphore(k, "Y");
            Mutex z = new Mutex(k, "Z");
            Thread t = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int n = 0; n < 2000; n++) {
                        k.run("t", () -> {
                            x.lock();
                            y.downRead();
                            z.lock();
                            z.unlock();
                            y.upRead();
                            x.unlock();
                        });
                    }
                } catch (Throwable e) {
                    synchronized (failed) {
                        failed.add(e);
                    }
                }
            });
            t.setDaemon(true);
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join(20_000);
            assertTrue(!t.isAlive());
        }
        assertTrue(failed.isEmpty(), failed.toString());
        assertEquals(3, shared.chains(), "[X], [X, Y], [X, Y, Z]");
        assertEquals(3, shared.slowValidations());
        assertEquals(2, shared.dependencies().size(), shared.dependencies().toString());
        for (Kernel k : kernels) {
            assertTrue(k.reports().isEmpty(), k.reports().toString());
        }
    }
}
