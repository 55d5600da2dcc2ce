package org.pcistress.bench.locking;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.RwSemaphore;

/** The read side of one reader-writer lock behind one call site (see {@link ExclusiveLock}). */
interface SharedLock {
    void lockRead();

    void unlockRead();

    /** The lock {@code checking} names; a model rwsem lives in {@code kernel}. */
    static SharedLock of(Checking checking, Kernel kernel) {
        if (!checking.isModel()) {
            Lock r = new ReentrantReadWriteLock(checking.isFair()).readLock();
            return new SharedLock() {
                @Override
                public void lockRead() {
                    r.lock();
                }

                @Override
                public void unlockRead() {
                    r.unlock();
                }
            };
        }
        RwSemaphore s = new RwSemaphore(kernel, "bench_rwsem");
        return new SharedLock() {
            @Override
            public void lockRead() {
                s.downRead();
            }

            @Override
            public void unlockRead() {
                s.upRead();
            }
        };
    }
}
