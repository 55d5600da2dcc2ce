package org.pcistress.bench.locking;

import java.util.concurrent.locks.ReentrantLock;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.Mutex;

/**
 * One exclusive lock behind one call site, so the benchmark method is the same code for every
 * {@link Checking}. Each parameter value runs in a fork of its own, where the call site sees one
 * implementation only and the JIT inlines it.
 */
interface ExclusiveLock {
    void lock();

    void unlock();

    /** The lock {@code checking} names; a model mutex lives in {@code kernel}. */
    static ExclusiveLock of(Checking checking, Kernel kernel) {
        if (!checking.isModel()) {
            ReentrantLock l = new ReentrantLock(checking.isFair());
            return new ExclusiveLock() {
                @Override
                public void lock() {
                    l.lock();
                }

                @Override
                public void unlock() {
                    l.unlock();
                }
            };
        }
        Mutex m = new Mutex(kernel, "bench_mutex");
        return new ExclusiveLock() {
            @Override
            public void lock() {
                m.lock();
            }

            @Override
            public void unlock() {
                m.unlock();
            }
        };
    }
}
