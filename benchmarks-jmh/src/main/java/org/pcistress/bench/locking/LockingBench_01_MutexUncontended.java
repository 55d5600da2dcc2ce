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
public class LockingBench_01_MutexUncontended {

    /*
     * The question: what does one uncontended mutex_lock() + mutex_unlock() of the model cost,
     * and how much of it is the checking that makes the model worth running?
     *
     * Every model path that takes a lock pays this, most of all pci_walk_bus, which takes a
     * device_lock per device. The reference is java.util.concurrent's ReentrantLock: the model's
     * mutex cannot be cheaper (it does the same compare-and-set), so the ratio to it is the price
     * of faithfulness.
     *
     * What the settings add, read from the code (kernel/locking):
     *   off       Task.current() (a ThreadLocal read) twice, a scheduling point (a no-op call
     *             on real threads), one CAS to lock and one to unlock.
     *   detector  + the held-lock stack: a slot written on lock, searched and cleared on unlock,
     *             so that a wait can find its owner and a task exit can release what it held.
     *             The wait-for search itself runs only when a task sleeps: never here.
     *   both      + lockdep: the chain key of the held stack and the validator's check.
     *
     * Goals: detector <= 1.5x jdk, both <= 3x jdk. A goal that is missed is reported, not tuned
     * away here.
     *
     * Each thread is one task for the whole trial (Kernel.attach); the model refuses lock calls
     * from a thread that is not a task. The counter bumped inside the critical section is
     * returned, so the JIT cannot drop the section; baseline() is the same bump with no lock:
     * the floor of this harness.
     */

    @State(Scope.Thread)
    public static class Floor {
        long counter;
    }

    @State(Scope.Thread)
    public static class Locked {
        @Param({"jdk", "off", "detector", "both"})
        public String checking;

        ExclusiveLock lock;
        AttachedTask task;
        long counter;

        @Setup(Level.Trial)
        public void setUp() {
            Checking c = Checking.of(checking);
            Kernel kernel = c.isModel() ? new Kernel(c.config()) : null;
            lock = ExclusiveLock.of(c, kernel);
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
    public long lockUnlock(Locked s) {
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
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar LockingBench_01 -f 1 -wi 3 -w 1s -i 5 -r 1s
     *
     * On a quiet machine, with the class's own settings (2 forks):
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar LockingBench_01
     */
}
