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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.pcistress.kernel.locking.AttachedTask;
import org.pcistress.kernel.locking.Kernel;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(2)
public class LockingBench_03_MutexContended {

    /*
     * The question: what does a lock+unlock cost when two tasks fight for one mutex, as an AER
     * broadcast and a hot-add fight for a device_lock?
     *
     * Two threads (one per core on the 2-core machines this runs on) hammer one lock; the score
     * is the average time per lock+unlock per thread.
     *
     * Two references this time. ReentrantLock (jdk) lets a releasing thread take the lock straight
     * back (barging), so one thread often runs many rounds before the other wakes: fast, unfair.
     * The model's mutex hands the lock to the first waiter on every unlock, as the kernel does
     * once MUTEX_FLAG_HANDOFF is set, so each round trip is a park and an unpark; a fair
     * ReentrantLock (jdkFair) does the same and is the like-for-like reference. The model's slow
     * path also runs under the scheduler's single monitor, and with the detector on every wait
     * first searches the wait-for graph for a cycle (a short one: the owner is running).
     *
     * Every wait has the hung-task bound, so a lost wake-up would end the trial with an exception,
     * never a hang.
     */

    @State(Scope.Thread)
    public static class Floor {
        long counter;
    }

    @State(Scope.Benchmark)
    public static class Shared {
        @Param({"jdk", "jdkFair", "off", "detector", "both"})
        public String checking;

        Kernel kernel;
        ExclusiveLock lock;
        long counter;

        @Setup(Level.Trial)
        public void setUp() {
            Checking c = Checking.of(checking);
            kernel = c.isModel() ? new Kernel(c.config()) : null;
            lock = ExclusiveLock.of(c, kernel);
        }
    }

    /** Binds each benchmark thread to a task of the shared kernel. */
    @State(Scope.Thread)
    public static class Bound {
        AttachedTask task;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            task = shared.kernel == null ? null : shared.kernel.attach("bench");
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
    public long lockUnlock(Shared s, Bound b) {
        s.lock.lock();
        try {
            return ++s.counter;
        } finally {
            s.lock.unlock();
        }
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar LockingBench_03 -f 1 -wi 3 -w 1s -i 5 -r 1s
     */
}
