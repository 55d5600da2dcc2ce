package org.pcistress.stress.locking;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;
import static org.pcistress.stress.shared.Outcomes.FORBIDDEN_HERE;
import static org.pcistress.stress.shared.Outcomes.LOCKING_BUG_DESC;
import static org.pcistress.kernel.locking.Locks.downRead;
import static org.pcistress.kernel.locking.Locks.downWrite;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;
import static org.pcistress.kernel.locking.Locks.upRead;
import static org.pcistress.kernel.locking.Locks.upWrite;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Task;
import org.pcistress.stress.shared.Outcomes;

/**
 * Locking_01: an ABBA between a mutex and an rw_semaphore held for <em>read</em>, the shape of
 * §14 S1 (AER broadcast vs probe-time SR-IOV enable) reduced to the two primitives.
 *
 * <p>One reader and one writer suffice for a cycle: the reader holds the semaphore for read and
 * waits for the mutex; the writer holds the mutex and waits to take the semaphore for write,
 * which the reader's hold blocks. Neither can go on. The wait-for detector finds the cycle when
 * the second of the two waits starts and throws {@code DeadlockDetected} in that task alone; it
 * unwinds, releasing its lock, and the other finishes. The arbiter records {@code DEADLOCK}. The
 * hung-task backstop (5 s under jcstress) is never what ends a sample: a {@code HUNG_TASK} is forbidden.
 *
 * <pre>
 * Actor 1, aer_isr:     pci_walk_bus               down_read(pci_bus_sem)
 *                         report_error_detected      mutex_lock(&amp;dev-&gt;mutex/PF)
 * Actor 2, bind_store:  device_lock(PF)            mutex_lock(&amp;dev-&gt;mutex/PF)
 *                         pci_device_add             down_write(pci_bus_sem)       (Abba)
 *                       down_write(pci_bus_sem)    then mutex_lock(&amp;dev-&gt;mutex/PF) (FixedOrder)
 *
 * Lock chain:  Abba:       T1: pci_bus_sem(R) → &amp;dev-&gt;mutex;  T2: &amp;dev-&gt;mutex → pci_bus_sem(W)
 *              FixedOrder: T1: pci_bus_sem(R) → &amp;dev-&gt;mutex;  T2: pci_bus_sem(W) → &amp;dev-&gt;mutex
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t Locking_01 -m quick}
 *
 * <p>Observed (pcistress stress --budget 15m, i.e. jcstress -m quick -iters 5 -time 2225 -strideSize
 * 16 -strideCount 4 -sc false -jvmArgs …; both JDK 17 configurations; 2 CPUs of a shared box at load
 * ~5; 10 min for all 20 tests; no TIMEOUT):
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.locking.Locking_01_MutexVsRwsemReadABBA.Abba
 *        RESULT    SAMPLES     FREQ       EXPECT  DESCRIPTION
 *      DEADLOCK     26,355    2.39%  Interesting  ABBA: reader holds pci_bus_sem(R) and waits for the mutex...
 *     HUNG_TASK          0    0.00%    Forbidden  A wait hit the hung-task backstop: the detector missed a ...
 *   LOCKING_BUG          0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *            OK  1,077,167   97.61%   Acceptable  The two critical sections did not overlap.
 *
 * .......... [OK] org.pcistress.stress.locking.Locking_01_MutexVsRwsemReadABBA.FixedOrder
 *        RESULT    SAMPLES     FREQ      EXPECT  DESCRIPTION
 *      DEADLOCK          0    0.00%   Forbidden  A cycle with a single lock order: the detector is wrong.
 *     HUNG_TASK          0    0.00%   Forbidden  A wait hit the hung-task backstop: a wake-up was lost.
 *   LOCKING_BUG          0    0.00%   Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *            OK  5,862,818  100.00%  Acceptable  One order: the writer and the reader serialise on pci_bus...
 * </pre>
 */
public final class Locking_01_MutexVsRwsemReadABBA {
    // The outcome descriptions its variants share; a variant that forbids one appends FORBIDDEN_HERE.
    static final String OTHER_DESC = "Any other report: the layer found something this race cannot produce.";

    /** {@code pci_bus_sem}: one class for the one global semaphore. */
    private static final LockClass BUS_SEM = LockClass.of("pci_bus_sem");
    /** {@code &dev->mutex}: lockdep_set_novalidate_class() in device_initialize(), all versions. */
    private static final LockClass DEV_MUTEX = LockClass.novalidate("&dev->mutex");

    private Locking_01_MutexVsRwsemReadABBA() {
    }

    /** One sample: a fresh kernel and its two locks. Small and quick to build. */
    abstract static class Sample {
        final Kernel kernel = new Kernel(Outcomes.config());
        final RwSemaphore pciBusSem = new RwSemaphore(kernel, BUS_SEM, "pci_bus_sem");
        final Mutex devMutex = new Mutex(kernel, DEV_MUTEX, "&dev->mutex/PF");

        /** Actor 1: the AER broadcast walks the bus and locks each device it reports to. */
        void aerIsr() {
            kernel.runCatching("aer_isr", () -> {
                try (Task walk = Task.enter("pci_walk_bus")) {
                    downRead(pciBusSem);
                    try (Task report = Task.enter("report_error_detected")) {
                        mutexLock(devMutex);
                        mutexUnlock(devMutex);
                    } finally {
                        upRead(pciBusSem);
                    }
                }
            });
        }

        /** Actor 2 as the kernel has it: the bus list is written under the device lock. */
        void bindStoreDeviceLockFirst() {
            kernel.runCatching("bind_store", () -> {
                try (Task probe = Task.enter("device_driver_attach")) {
                    mutexLock(devMutex);
                    try (Task add = Task.enter("pci_device_add")) {
                        downWrite(pciBusSem);
                        upWrite(pciBusSem);
                    } finally {
                        mutexUnlock(devMutex);
                    }
                }
            });
        }

        /** Actor 2 in the natural order (Helgaas, 2017): the bus semaphore outside the device lock. */
        void bindStoreBusSemFirst() {
            kernel.runCatching("bind_store", () -> {
                try (Task add = Task.enter("pci_device_add")) {
                    downWrite(pciBusSem);
                    try (Task probe = Task.enter("device_driver_attach")) {
                        mutexLock(devMutex);
                        mutexUnlock(devMutex);
                    } finally {
                        upWrite(pciBusSem);
                    }
                }
            });
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * The order the kernel has: the walker takes the semaphore, then the mutex; the writer the
     * mutex, then the semaphore.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "The two critical sections did not overlap.")
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING,
            desc = "ABBA: reader holds pci_bus_sem(R) and waits for the mutex, writer holds the mutex and waits "
                    + "for pci_bus_sem(W); the wait-for detector broke the cycle.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = "A wait hit the hung-task backstop: the detector missed a cycle "
            + "or a wake-up was lost.")
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class Abba extends Sample {
        @Actor
        public void actor1() {
            aerIsr();
        }

        @Actor
        public void actor2() {
            bindStoreDeviceLockFirst();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = Outcomes.of(kernel);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Both take {@code pci_bus_sem} before the mutex: one order, no cycle.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "One order: the writer and the reader serialise on pci_bus_sem.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "A cycle with a single lock order: the detector is wrong.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = "A wait hit the hung-task backstop: a wake-up was lost.")
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class FixedOrder extends Sample {
        @Actor
        public void actor1() {
            aerIsr();
        }

        @Actor
        public void actor2() {
            bindStoreBusSemFirst();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = Outcomes.of(kernel);
        }
    }
}
