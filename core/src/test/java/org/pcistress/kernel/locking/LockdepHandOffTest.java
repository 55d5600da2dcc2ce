package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.kernel.locking.Locks.downRead;
import static org.pcistress.kernel.locking.Locks.downWrite;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;
import static org.pcistress.kernel.locking.Locks.upRead;
import static org.pcistress.kernel.locking.Locks.upWrite;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/**
 * Dependencies that cross a task hand-off: {@code work_on_cpu()} / {@code flush_work()} through the
 * work's lockdep map (both flavours, as the kernel tracks work items), and completions (the
 * pcistress flavour only: the kernel's cross-release was reverted). Every run here is sequential:
 * the cycle is predicted from runs that never overlap, or not at all.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LockdepHandOffTest {

    private static List<Report> circular(Kernel k) {
        return k.reports().stream().filter(r -> r.kind() == ReportKind.LOCKDEP_CIRCULAR).toList();
    }

    /** {@code binder}: lock M, then run the work (which takes S for write) on a kworker and wait for it. */
    private static void holdAndFlush(Kernel k, Mutex m, RwSemaphore s) {
        k.run("bind_store", () -> {
            try (var f = Task.enter("device_driver_attach")) {
                mutexLock(m);
                Work.workOnCpu(k, "local_pci_probe", () -> {
                    try (var g = Task.enter("pci_device_add")) {
                        downWrite(s);
                        upWrite(s);
                    }
                    return null;
                });
                mutexUnlock(m);
            }
        });
        k.quiesce();
    }

    /** {@code walker}: S for read, then M (the AER walk's order). */
    private static void readThenLock(Kernel k, RwSemaphore s, Mutex m) {
        k.run("irq/24-aerdrv", () -> {
            try (var f = Task.enter("pci_walk_bus")) {
                downRead(s);
                try (var g = Task.enter("report_error_detected")) {
                    mutexLock(m);
                    mutexUnlock(m);
                }
                upRead(s);
            }
        });
    }

    private static Kernel kernel(Lockdep ld) {
        return new Kernel(KernelConfig.defaults().withLockdep(ld));
    }

    @Test
    void aCycleThroughAWorkItemIsPredictedFromTwoRunsThatNeverOverlap() {
        Kernel k = kernel(new Lockdep());
        Mutex m = new Mutex(k, LockClass.of("&dev->mutex/PF"), "&dev->mutex(01:00.0)");
        RwSemaphore s = new RwSemaphore(k, "pci_bus_sem");
        holdAndFlush(k, m, s);
        assertTrue(circular(k).isEmpty(), "one order alone predicts nothing: " + k.reports());
        readThenLock(k, s, m);

        List<Report> found = circular(k);
        assertEquals(1, found.size(), k.reports().toString());
        Report r = found.get(0);
        assertEquals("LOCKDEP_CIRCULAR: pci_bus_sem -> &dev->mutex/PF -> (work_completion)(local_pci_probe)"
                + " -> pci_bus_sem", r.title());
        String text = r.text();
        assertTrue(text.contains("the chain is handed off through (work_completion)(local_pci_probe): waited for by"
                + " bind_store, held by kworker/u:1+local_pci_probe while it runs"), text);
        // both chains: the flusher's (device_driver_attach → flush_work) and the kworker's (pci_device_add)
        assertTrue(text.contains("flush_work") && text.contains("device_driver_attach"), text);
        assertTrue(text.contains("pci_device_add") && text.contains("process_one_work"), text);
        assertTrue(k.reports().stream().noneMatch(x -> x.kind() == ReportKind.DEADLOCK), "a prediction, nothing deadlocked");
    }

    @Test
    void noPredictionWhenBothSidesTakeTheLocksInOneOrder() {
        Kernel k = kernel(new Lockdep());
        Mutex m = new Mutex(k, LockClass.of("&dev->mutex/PF"), "&dev->mutex(01:00.0)");
        RwSemaphore s = new RwSemaphore(k, "pci_bus_sem");
        holdAndFlush(k, m, s);
        k.run("pci_walk_devices_locked", () -> { // M, then S: the same order the flush gives
            mutexLock(m);
            downRead(s);
            upRead(s);
            mutexUnlock(m);
        });
        assertTrue(circular(k).isEmpty(), k.reports().toString());
        assertTrue(k.lockdep().dependencies().stream()
                .anyMatch(d -> d.startsWith("&dev->mutex/PF -> (work_completion)(local_pci_probe) [EN]")),
                k.lockdep().dependencies().toString());
    }

    @Test
    void theKernelFlavourTracksWorkItemsButNotNovalidateDeviceLocks() {
        Lockdep both = Lockdep.of(LockdepFlavor.PCISTRESS, LockdepFlavor.KERNEL);
        Kernel k = kernel(both);
        Mutex m = new Mutex(k, LockClass.modelOnly("&dev->mutex/PF"), "&dev->mutex(01:00.0)");
        RwSemaphore s = new RwSemaphore(k, "pci_bus_sem");
        holdAndFlush(k, m, s);
        readThenLock(k, s, m);
        List<String> titles = circular(k).stream().map(Report::title).toList();
        assertEquals(1, titles.size(), "pcistress predicts it, the kernel's lockdep cannot see dev->mutex: " + titles);
        assertTrue(titles.get(0).startsWith("LOCKDEP_CIRCULAR: "), titles.toString());
        List<String> kernelDeps = both.dependencies(LockdepFlavor.KERNEL).stream()
                .map(d -> d.substring(0, d.indexOf(" ["))).toList();
        assertEquals(List.of("(work_completion)(local_pci_probe) -> pci_bus_sem"), kernelDeps,
                "the kernel's lockdep sees the kworker's side only: dev->mutex is novalidate there");

        // With a validated class on the flusher's side, the kernel flavour sees the same cycle.
        Kernel k2 = kernel(Lockdep.of(LockdepFlavor.PCISTRESS, LockdepFlavor.KERNEL));
        Mutex rpc = new Mutex(k2, LockClass.of("&rpc->rpc_mutex"), "&rpc->rpc_mutex");
        RwSemaphore s2 = new RwSemaphore(k2, "pci_bus_sem");
        holdAndFlush(k2, rpc, s2);
        readThenLock(k2, s2, rpc);
        List<String> t2 = circular(k2).stream().map(Report::title).toList();
        assertEquals(2, t2.size(), t2.toString());
        assertTrue(t2.get(1).startsWith("LOCKDEP_CIRCULAR (kernel lockdep): "), t2.toString());
    }

    @Test
    void aCompletionsWaiterDependsOnWhatItsCompleterTakesPcistressFlavourOnly() {
        Lockdep both = Lockdep.of(LockdepFlavor.PCISTRESS, LockdepFlavor.KERNEL);
        Kernel k = kernel(both);
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        Completion done = new Completion(k, "done");
        // run 1: the waiter holds A and waits; its completer takes B before completing
        k.run("waiter", () -> {
            mutexLock(a);
            k.spawn("completer", () -> {
                done.expect(Task.current()); // named before it takes anything: no race with the waiter
                mutexLock(b);
                mutexUnlock(b);
                done.complete();
            });
            done.waitForCompletion();
            mutexUnlock(a);
        });
        k.quiesce();
        assertTrue(circular(k).isEmpty(), k.reports().toString());
        // run 2: B then A closes A -> (completion)done -> B -> A
        k.run("other", () -> {
            mutexLock(b);
            mutexLock(a);
            mutexUnlock(a);
            mutexUnlock(b);
        });
        List<String> titles = circular(k).stream().map(Report::title).toList();
        assertEquals(List.of("LOCKDEP_CIRCULAR: B -> A -> (completion)done -> B"), titles);
        assertTrue(circular(k).get(0).text().contains("through (completion)done: waited for by waiter, held by completer"),
                circular(k).get(0).text());
        assertTrue(both.dependencies(LockdepFlavor.KERNEL).stream().noneMatch(d -> d.contains("(completion)")),
                both.dependencies(LockdepFlavor.KERNEL).toString());
    }

    @Test
    void aCompletedCompletionIsNoLongerOwed() {
        Kernel k = kernel(new Lockdep());
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        Completion done = new Completion(k, "done");
        k.run("completer", () -> {
            done.expect(Task.current());
            done.complete();
            mutexLock(b); // after complete(): no (completion)done -> B
            mutexUnlock(b);
        });
        k.run("waiter", () -> {
            mutexLock(a);
            done.waitForCompletion();
            mutexUnlock(a);
        });
        k.run("other", () -> {
            mutexLock(b);
            mutexLock(a);
            mutexUnlock(a);
            mutexUnlock(b);
        });
        assertTrue(circular(k).isEmpty(), k.reports().toString());
    }
}
