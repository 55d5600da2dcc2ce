package org.pcistress.explore;

import static org.pcistress.kernel.locking.Locks.downRead;
import static org.pcistress.kernel.locking.Locks.downWrite;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;
import static org.pcistress.kernel.locking.Locks.upRead;
import static org.pcistress.kernel.locking.Locks.upWrite;

import java.util.List;
import org.pcistress.kernel.locking.Completion;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Task;
import org.pcistress.kernel.locking.Work;

/** Scenarios on the locking layer alone, each a textbook case with a known answer. */
final class LockScenarios {
    private LockScenarios() {
    }

    /** T0: A then B; T1: B then A. Result: DEADLOCK (one preemption). */
    static Scenario mutexAbba() {
        return Scenario.of("mutex-abba", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex a = new Mutex(k, "A");
            Mutex b = new Mutex(k, "B");
            return new Setup(k, List.of(
                    new Actor("ab", () -> nested(a, b, "take_a_then_b")),
                    new Actor("ba", () -> nested(b, a, "take_b_then_a"))));
        });
    }

    /** Both tasks take A then B. Result: Never. */
    static Scenario mutexOrdered() {
        return Scenario.of("mutex-ordered", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex a = new Mutex(k, "A");
            Mutex b = new Mutex(k, "B");
            return new Setup(k, List.of(
                    new Actor("ab", () -> nested(a, b, "take_a_then_b")),
                    new Actor("ab2", () -> nested(a, b, "take_a_then_b"))));
        });
    }

    private static void nested(Mutex outer, Mutex inner, String fn) {
        try (var f = Task.enter(fn)) {
            mutexLock(outer);
            try {
                mutexLock(inner);
                mutexUnlock(inner);
            } finally {
                mutexUnlock(outer);
            }
        }
    }

    /**
     * T0 reads S twice (rsem_AA1), T1 writes S, T2 reads S once. Result: DEADLOCK when T1 queues
     * between T0's two down_reads.
     */
    static Scenario recursiveReadVsWriter() {
        return Scenario.of("rwsem-recursive-read", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            RwSemaphore sem = new RwSemaphore(k, "pci_bus_sem");
            return new Setup(k, List.of(
                    new Actor("walker", () -> {
                        try (var f = Task.enter("pci_walk_bus")) {
                            downRead(sem);
                            try (var g = Task.enter("pci_enable_link_state")) {
                                downRead(sem);
                                upRead(sem);
                            }
                            upRead(sem);
                        }
                    }),
                    new Actor("adder", () -> {
                        try (var f = Task.enter("pci_device_add")) {
                            downWrite(sem);
                            upWrite(sem);
                        }
                    }),
                    new Actor("reader", () -> {
                        try (var f = Task.enter("pci_get_slot")) {
                            downRead(sem);
                            upRead(sem);
                        }
                    })));
        });
    }

    /** A caller holds M and runs work_on_cpu whose worker wants M. Result: DEADLOCK in every schedule. */
    static Scenario workOnCpuUnderMutex() {
        return Scenario.of("work-on-cpu-under-mutex", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Mutex m = new Mutex(k, "pci_rescan_remove_lock");
            return new Setup(k, List.of(new Actor("rescan_store", () -> {
                try (var f = Task.enter("pci_rescan_bus")) {
                    mutexLock(m);
                    try {
                        Work.workOnCpu(k, "local_pci_probe", () -> {
                            try (var g = Task.enter("sriov_add_vfs")) {
                                mutexLock(m);
                                mutexUnlock(m);
                            }
                            return null;
                        });
                    } finally {
                        mutexUnlock(m);
                    }
                }
            })));
        });
    }

    /** T0 waits for a completion nobody will complete; T1 runs past it. Result: DEADLOCK (stuck). */
    static Scenario lostCompletion() {
        return Scenario.of("lost-completion", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            Completion c = new Completion(k, "vfio_release");
            Mutex m = new Mutex(k, "&dev->mutex/PF");
            return new Setup(k, List.of(
                    new Actor("remove_store", () -> {
                        try (var f = Task.enter("vfio_pci_remove")) {
                            mutexLock(m);
                            try {
                                c.waitForCompletion();
                            } finally {
                                mutexUnlock(m);
                            }
                        }
                    }),
                    new Actor("sriov_numvfs_show", () -> {
                        mutexLock(m);
                        mutexUnlock(m);
                    })));
        });
    }

    /** Three tasks, each on its own mutex: nothing to race. Result: Never. */
    static Scenario independent() {
        return Scenario.of("independent-mutexes", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            List<Actor> actors = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Mutex m = new Mutex(k, "M" + i);
                actors.add(new Actor("t" + i, () -> {
                    mutexLock(m);
                    mutexUnlock(m);
                }));
            }
            return new Setup(k, actors);
        });
    }
}
