package org.pcistress.bench.locking;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pcistress.kernel.locking.AttachedTask;
import org.pcistress.kernel.locking.Kernel;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class LockingBench_02_RwsemReadUncontended {

    /*
     * The question: what does one uncontended down_read() + up_read() cost? pci_bus_sem is taken
     * for read by every bus walk and every pci_get_slot(), so this is the entry fee of the
     * model's most frequent path.
     *
     * The model's read fast path is one CAS on a word that packs the reader count, the writer
     * and a waiters bit; up_read is a second CAS. The reference is ReentrantReadWriteLock's read
     * lock, which also counts per-thread holds (it is reentrant; down_read is not, see
     * RwSemaphore). The checking settings add what LockingBench_01_MutexUncontended lists.
     *
     * As there, the counter read inside the section is returned and baseline() is the floor.
     */

    @State(Scope.Thread)
    public static class Floor {
        long counter;
    }

    @State(Scope.Thread)
    public static class Locked {
        @Param({"jdk", "off", "detector", "both"})
        public String checking;

        SharedLock lock;
        AttachedTask task;
        long counter;

        @Setup(Level.Trial)
        public void setUp() {
            Checking c = Checking.of(checking);
            Kernel kernel = c.isModel() ? new Kernel(c.config()) : null;
            lock = SharedLock.of(c, kernel);
            task = kernel == null ? null : kernel.attach("bench");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (task != null) {
                task.close();
            }
        }
    }

    @Benchmark
    public long baseline(Floor s) {
        return ++s.counter;
    }

    @Benchmark
    public long readLockUnlock(Locked s) {
        s.lock.lockRead();
        try {
            return ++s.counter;
        } finally {
            s.lock.unlockRead();
        }
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar LockingBench_02 -f 1 -wi 3 -w 1s -i 5 -r 1s
     */
}
