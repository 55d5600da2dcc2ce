package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/** Real threads, ordered with latches and queue state, never with sleeps. */
@Timeout(30)
class DeadlockDetectorTest {

    private final Kernel kernel = new Kernel(KernelConfig.defaults().withValidator(false));

    @Test
    void mutexAbbaWithRealThreadsIsReportedByExactlyOneTask() throws Exception {
        Mutex a = new Mutex(kernel, "A");
        Mutex b = new Mutex(kernel, "B");
        CountDownLatch bothHold = new CountDownLatch(2);
        Actors actors = new Actors(kernel)
                .start("T1", () -> {
                    a.lock();
                    try {
                        bothHold.countDown();
                        MutexTest.awaitLatch(bothHold);
                        b.lock();
                        b.unlock();
                    } finally {
                        a.unlock();
                    }
                })
                .start("T2", () -> {
                    b.lock();
                    try {
                        bothHold.countDown();
                        MutexTest.awaitLatch(bothHold);
                        a.lock();
                        a.unlock();
                    } finally {
                        b.unlock();
                    }
                });
        actors.join(10);
        assertEquals(1, actors.bugs().size(), "exactly one task of the cycle gets DeadlockDetected");
        assertTrue(actors.bugs().get(0) instanceof DeadlockDetected);
        assertEquals(1, kernel.reports().size());
        Report r = kernel.reports().get(0);
        assertTrue(r.text().contains("Possible unsafe locking scenario"), r.text());
        assertTrue(r.text().contains("CPU0") && r.text().contains("CPU1"), r.text());
        assertFalse(a.isLocked() || b.isLocked(), "everything released after the unwind");
    }

    /**
     * The PCI case (2017): one side holds pci_bus_sem for read and wants device_lock; the other
     * holds device_lock and wants pci_bus_sem for write. ThreadMXBean.findDeadlockedThreads cannot
     * see this one: a reader owns nothing the JVM knows of.
     */
    @Test
    void mutexVersusRwsemHeldForReadIsReported() throws Exception {
        RwSemaphore busSem = new RwSemaphore(kernel, "pci_bus_sem");
        Mutex devLock = new Mutex(kernel, "&dev->mutex/PF");
        CountDownLatch bothHold = new CountDownLatch(2);
        Actors actors = new Actors(kernel)
                .start("aer_isr", () -> {
                    try (var f = Task.enter("pci_walk_bus")) {
                        busSem.downRead();
                        try {
                            bothHold.countDown();
                            MutexTest.awaitLatch(bothHold);
                            try (var g = Task.enter("report_error_detected")) {
                                devLock.lock();
                                devLock.unlock();
                            }
                        } finally {
                            busSem.upRead();
                        }
                    }
                })
                .start("bind_store", () -> {
                    devLock.lock();
                    try {
                        bothHold.countDown();
                        MutexTest.awaitLatch(bothHold);
                        try (var f = Task.enter("pci_device_add")) {
                            busSem.downWrite();
                            busSem.upWrite();
                        }
                    } finally {
                        devLock.unlock();
                    }
                });
        actors.join(10);
        assertEquals(1, actors.bugs().size());
        Report r = actors.bugs().get(0).report();
        assertEquals(ReportKind.DEADLOCK, r.kind());
        assertTrue(r.text().contains("rlock(pci_bus_sem)"), r.text());
        assertTrue(r.text().contains("pci_walk_bus \u2192 report_error_detected"), r.text());
        assertTrue(r.tasks().containsAll(List.of("aer_isr", "bind_store")), r.tasks().toString());
    }

    /**
     * lockdep's rsem_AA1 with a third task: the reader calls down_read again only once the writer
     * and a later reader both sleep in the queue (a state that cannot change while it holds the
     * read lock); the later reader finishes after the unwind.
     */
    @Test
    void recursiveDownReadWithAQueuedWriterDeadlocks() throws Exception {
        RwSemaphore sem = new RwSemaphore(kernel, "pci_bus_sem");
        CountDownLatch firstRead = new CountDownLatch(1);
        Actors reader = new Actors(kernel).start("reader", () -> {
            sem.downRead();
            try {
                firstRead.countDown();
                Actors.await(() -> Actors.sleepingOn(sem) == 2, "the writer and the late reader are queued");
                sem.downRead(); // behind the queued writer, which waits for us
                sem.upRead();
            } finally {
                sem.upRead();
            }
        });
        MutexTest.awaitLatch(firstRead);
        Actors writer = new Actors(kernel).start("writer", () -> {
            sem.downWrite();
            sem.upWrite();
        });
        Actors.await(() -> Actors.sleepingOn(sem) >= 1, "the writer is queued");
        Actors late = new Actors(kernel).start("late_reader", () -> {
            sem.downRead();
            sem.upRead();
        });
        reader.join(10);
        writer.join(10);
        late.join(10);
        assertEquals(1, reader.bugs().size(), "the recursive reader closes the cycle");
        assertTrue(writer.bugs().isEmpty() && late.bugs().isEmpty());
        assertTrue(reader.bugs().get(0).report().text().contains("queued ahead: lock(pci_bus_sem)"),
                reader.bugs().get(0).report().text());
        assertFalse(sem.isLocked());
    }

    @Test
    void recursiveDownReadWithoutAQueuedWriterDoesNotDeadlock() {
        RwSemaphore sem = new RwSemaphore(kernel, "pci_bus_sem");
        KernelBug bug = kernel.runCatching("reader", () -> {
            sem.downRead();
            sem.downRead();
            sem.upRead();
            sem.upRead();
        });
        assertNull(bug);
        assertTrue(kernel.failures().isEmpty(), kernel.reports().toString());
    }

    /** pci_call_probe: the caller holds a mutex and waits on work_on_cpu; the probe worker wants the mutex. */
    @Test
    void aCompletionWaitOnAWorkerThatWantsTheCallersMutexDeadlocks() {
        Mutex rescan = new Mutex(kernel, "pci_rescan_remove_lock");
        KernelBug bug = kernel.runCatching("rescan_store", () -> {
            try (var f = Task.enter("rescan_store")) {
                rescan.lock();
                try {
                    Work.workOnCpu(kernel, "local_pci_probe", () -> {
                        try (var g = Task.enter("sriov_add_vfs")) {
                            rescan.lock();
                            rescan.unlock();
                        }
                        return 0;
                    });
                } finally {
                    rescan.unlock();
                }
            }
        });
        assertTrue(bug instanceof DeadlockDetected, String.valueOf(bug));
        assertTrue(kernel.quiesce());
        Report r = kernel.reports().get(0);
        assertTrue(r.text().contains("wait_for_completion(local_pci_probe)"), r.text());
        assertTrue(r.text().contains("kworker/u:"), r.text());
        assertEquals(1, kernel.reports().size(), kernel.reports().toString());
        assertFalse(rescan.isLocked());
    }

    @Test
    void aWaitNoCycleExplainsEndsAtTheHungTaskBoundWithADump() {
        Kernel k = new Kernel(KernelConfig.defaults().withValidator(false).withHungTaskMillis(200));
        Completion never = new Completion(k, "never_completed");
        Mutex m = new Mutex(k, "held_while_waiting");
        KernelBug bug = k.runCatching("waiter", () -> {
            try (var f = Task.enter("pci_dev_wait")) {
                m.lock();
                try {
                    never.waitForCompletion();
                } finally {
                    m.unlock();
                }
            }
        });
        assertTrue(bug instanceof HungTaskDetected, String.valueOf(bug));
        String text = bug.report().text();
        assertTrue(text.startsWith("INFO: task waiter/"), text);
        assertTrue(text.contains("Showing all locks held in the system"), text);
        assertTrue(text.contains("lock(held_while_waiting), at: pci_dev_wait"), text);
        assertFalse(m.isLocked());
    }
}
