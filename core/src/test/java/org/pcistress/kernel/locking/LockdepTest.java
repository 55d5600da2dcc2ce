package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.kernel.locking.Locks.downRead;
import static org.pcistress.kernel.locking.Locks.downWrite;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexTrylock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;
import static org.pcistress.kernel.locking.Locks.upRead;
import static org.pcistress.kernel.locking.Locks.upWrite;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LockdepTest {

    /** Locks {@code first} then {@code second} inside the call chain {@code outer → inner}. */
    private static void nest(Kernel k, String task, Mutex first, Mutex second, String outer, String inner) {
        k.run(task, () -> {
            try (var f = Task.enter(outer)) {
                mutexLock(first);
                try (var g = Task.enter(inner)) {
                    mutexLock(second);
                    mutexUnlock(second);
                }
                mutexUnlock(first);
            }
        });
    }

    private static List<Report> of(Kernel k, ReportKind kind) {
        return k.reports().stream().filter(r -> r.kind() == kind).toList();
    }

    @Test
    void abbaInTwoSequentialRunsIsReportedOnceWithChainAndScenario() {
        Kernel k = new Kernel();
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        nest(k, "t1", a, b, "probe_a", "take_b");
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        nest(k, "t2", b, a, "remove_b", "take_a");
        nest(k, "t3", b, a, "remove_b", "take_a");

        assertTrue(of(k, ReportKind.DEADLOCK).isEmpty(), "nothing deadlocked");
        List<Report> circular = of(k, ReportKind.LOCKDEP_CIRCULAR);
        assertEquals(1, circular.size(), k.reports().toString());
        Report r = circular.get(0);
        assertEquals("LOCKDEP_CIRCULAR: B -> A -> B", r.title());
        assertEquals(List.of("t2", "t1"), r.tasks());
        String text = r.text();
        String expected = String.join("\n",
                "WARNING: possible circular locking dependency detected",
                "------------------------------------------------------",
                "t2/2 is trying to acquire lock:",
                " (A){+.+.}, at: remove_b \u2192 take_a",
                "",
                "but task is already holding lock:",
                " (B){+.+.}, at: remove_b",
                "",
                "which lock already depends on the new lock.",
                "",
                "",
                "the existing dependency chain (in reverse order) is:",
                "",
                "-> #1 (B){+.+.}:",
                "       take_b",
                "       probe_a",
                "",
                "-> #0 (A){+.+.}:",
                "       take_a",
                "       remove_b",
                "",
                "other info that might help us debug this:",
                "",
                " Possible unsafe locking scenario:",
                "",
                "       CPU0                    CPU1",
                "       ----                    ----",
                "  lock(B);",
                "                               lock(A);",
                "                               lock(B);",
                "  lock(A);",
                "",
                " *** DEADLOCK ***",
                "",
                "1 lock held by t2/2:",
                " #0: (B){+.+.}, at: remove_b",
                "");
        assertTrue(text.contains(expected), text);
        assertFalse(text.contains("Chain exists of:"), text);
    }

    @Test
    void validationGoesOnAfterAFinding() {
        Kernel k = new Kernel();
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        Mutex c = new Mutex(k, "C");
        Mutex d = new Mutex(k, "D");
        nest(k, "t1", a, b, "f", "g");
        nest(k, "t2", b, a, "f", "g");
        nest(k, "t3", c, d, "f", "g");
        nest(k, "t4", d, c, "f", "g");
        List<String> titles = of(k, ReportKind.LOCKDEP_CIRCULAR).stream().map(Report::title).toList();
        assertEquals(List.of("LOCKDEP_CIRCULAR: B -> A -> B", "LOCKDEP_CIRCULAR: D -> C -> D"), titles);
    }

    @Test
    void mutexRwsemAbbaWithTheRwsemHeldForReadIsReported() {
        Kernel k = new Kernel();
        RwSemaphore sem = new RwSemaphore(k, "pci_bus_sem");
        Mutex dev = new Mutex(k, "&dev->mutex/PF");
        k.run("walker", () -> {
            try (var f = Task.enter("pci_walk_bus")) {
                downRead(sem);
                mutexLock(dev);
                mutexUnlock(dev);
                upRead(sem);
            }
        });
        k.run("remover", () -> {
            try (var f = Task.enter("pci_stop_and_remove_bus_device")) {
                mutexLock(dev);
                downWrite(sem);
                upWrite(sem);
                mutexUnlock(dev);
            }
        });
        List<Report> circular = of(k, ReportKind.LOCKDEP_CIRCULAR);
        assertEquals(1, circular.size(), k.reports().toString());
        Report r = circular.get(0);
        assertEquals("LOCKDEP_CIRCULAR: &dev->mutex/PF -> pci_bus_sem -> &dev->mutex/PF", r.title());
        assertTrue(r.text().contains("-> #1 (&dev->mutex/PF){+.+.}:\n       pci_walk_bus\n"), r.text());
        assertTrue(r.text().contains("-> #0 (pci_bus_sem){++++}:\n"), r.text());
        assertTrue(r.text().contains(String.join("\n",
                "  lock(&dev->mutex/PF);",
                "                               rlock(pci_bus_sem);",
                "                               lock(&dev->mutex/PF);",
                "  lock(pci_bus_sem);")), r.text());

        // The same two classes again through a new dependency type (pci_bus_sem held for write):
        // a new edge, a new search, the same finding, so no second report.
        k.run("writer", () -> {
            downWrite(sem);
            mutexLock(dev);
            mutexUnlock(dev);
            upWrite(sem);
        });
        assertEquals(1, of(k, ReportKind.LOCKDEP_CIRCULAR).size(), k.reports().toString());
        assertTrue(k.lockdep().dependencies().get(0).startsWith("pci_bus_sem -> &dev->mutex/PF [EN,SN]"),
                k.lockdep().dependencies().toString());
    }

    @Test
    void bothSidesReadingStillCloseACycleThroughNonRecursiveReaders() {
        Kernel k = new Kernel();
        RwSemaphore sem = new RwSemaphore(k, "S");
        Mutex m = new Mutex(k, "M");
        k.run("t1", () -> {
            downRead(sem);
            mutexLock(m);
            mutexUnlock(m);
            upRead(sem);
        });
        k.run("t2", () -> {
            mutexLock(m);
            downRead(sem);
            upRead(sem);
            mutexUnlock(m);
        });
        List<Report> circular = of(k, ReportKind.LOCKDEP_CIRCULAR);
        assertEquals(1, circular.size(), k.reports().toString());
        assertTrue(circular.get(0).text().contains("  rlock(S);\n"), circular.get(0).text());
    }

    @Test
    void recursiveDownReadIsRecursiveLocking() {
        Kernel k = new Kernel();
        RwSemaphore sem = new RwSemaphore(k, "pci_bus_sem");
        for (int i = 0; i < 2; i++) {
            k.run("qcom_pcie_probe", () -> {
                try (var f = Task.enter("pci_walk_bus")) {
                    downRead(sem);
                    try (var g = Task.enter("pcie_aspm_pm_state_change")) {
                        downRead(sem);
                        upRead(sem);
                    }
                    upRead(sem);
                }
            });
        }
        assertTrue(of(k, ReportKind.DEADLOCK).isEmpty(), "no writer queued, so no deadlock this time");
        List<Report> rec = of(k, ReportKind.LOCKDEP_RECURSIVE);
        assertEquals(1, rec.size(), k.reports().toString());
        Report r = rec.get(0);
        assertEquals("LOCKDEP_RECURSIVE: pci_bus_sem -> pci_bus_sem", r.title());
        assertTrue(r.text().contains("WARNING: possible recursive locking detected"), r.text());
        assertTrue(r.text().contains(" (pci_bus_sem){.+.+}, at: pci_walk_bus \u2192 pcie_aspm_pm_state_change\n"),
                r.text());
        assertTrue(r.text().contains("  rlock(pci_bus_sem);\n  rlock(pci_bus_sem);\n\n *** DEADLOCK ***"), r.text());
        assertTrue(of(k, ReportKind.LOCKDEP_CIRCULAR).isEmpty());

        // Another chain (an outer mutex first) repeats the finding: still one report.
        Mutex outer = new Mutex(k, "pci_rescan_remove_lock");
        long slow = k.lockdep().slowValidations();
        k.run("again", () -> {
            mutexLock(outer);
            downRead(sem);
            downRead(sem);
            upRead(sem);
            upRead(sem);
            mutexUnlock(outer);
        });
        assertEquals(slow + 3, k.lockdep().slowValidations(), "three new chains were validated");
        assertEquals(1, of(k, ReportKind.LOCKDEP_RECURSIVE).size(), k.reports().toString());
    }

    @Test
    void consistentOrderIsNeverReported() {
        Kernel k = new Kernel();
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        RwSemaphore c = new RwSemaphore(k, "C");
        for (int i = 0; i < 3; i++) {
            k.run("t" + i, () -> {
                mutexLock(a);
                mutexLock(b);
                downRead(c);
                upRead(c);
                mutexUnlock(b);
                downWrite(c);
                upWrite(c);
                mutexUnlock(a);
            });
        }
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        List<String> deps = k.lockdep().dependencies();
        assertEquals(3, deps.size(), deps.toString());
        assertTrue(deps.get(0).startsWith("A -> B [EN] first by t0/1"), deps.toString());
        assertTrue(deps.contains("A -> C [EN] first by t0/1 at (top level)"), deps.toString());
        assertTrue(deps.contains("B -> C [EN] first by t0/1 at (top level)"), deps.toString());
    }

    @Test
    void aTrylockAddsNoDependencyToItselfButAHeldTrylockGivesThem() {
        Kernel k = new Kernel();
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        Mutex c = new Mutex(k, "C");
        k.run("t1", () -> {
            mutexLock(a);
            assertTrue(mutexTrylock(b));
            mutexLock(c);
            mutexUnlock(c);
            mutexUnlock(b);
            mutexUnlock(a);
        });
        nest(k, "t2", b, a, "f", "g");
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        List<String> deps = k.lockdep().dependencies().stream().map(s -> s.substring(0, s.indexOf(" ["))).toList();
        // B was trylocked: no A -> B; held, it gives B -> C, and the walk goes on to A -> C.
        assertEquals(List.of("A -> C", "B -> C", "B -> A"), deps);
    }

    @Test
    void novalidateClassesNeitherGiveNorGetDependencies() {
        Kernel k = new Kernel();
        LockClass devClass = LockClass.novalidate("&dev->mutex");
        Mutex parent = new Mutex(k, devClass, "bridge");
        Mutex child = new Mutex(k, devClass, "endpoint");
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        nest(k, "t1", parent, child, "f", "g");
        nest(k, "t2", child, parent, "f", "g");
        nest(k, "t3", a, parent, "f", "g");
        nest(k, "t4", parent, a, "f", "g");
        k.run("t5", () -> {
            mutexLock(a);
            mutexLock(parent);
            mutexLock(b);
            mutexUnlock(b);
            mutexUnlock(parent);
            mutexUnlock(a);
        });
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        List<String> deps = k.lockdep().dependencies();
        assertEquals(1, deps.size(), deps.toString());
        assertTrue(deps.get(0).startsWith("A -> B [EN]"), "the walk passes over the novalidate entry: " + deps);
    }

    @Test
    void aRepeatedPatternHitsTheChainCache() {
        Kernel k = new Kernel(KernelConfig.defaults().withDetector(false));
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        nest(k, "warm", a, b, "f", "g");
        Lockdep ld = k.lockdep();
        long slow = ld.slowValidations();
        assertEquals(2, slow, "chains [A] and [A, B]");
        for (int i = 0; i < 200; i++) {
            nest(k, "hot" + i, a, b, "f", "g");
        }
        assertEquals(slow, ld.slowValidations(), "every later acquisition hit the cache");
        assertEquals(2, ld.chains());
        nest(k, "cold", b, a, "f", "g");
        assertEquals(slow + 2, ld.slowValidations(), "[B] and [B, A] are new chains");
    }

    @Test
    void aSharedValidatorAccumulatesAcrossKernelsAndReportsToTheAcquirersKernel() {
        Lockdep shared = new Lockdep();
        Kernel k1 = new Kernel(KernelConfig.defaults().withLockdep(shared));
        Kernel k2 = new Kernel(KernelConfig.defaults().withLockdep(shared));
        nest(k1, "t1", new Mutex(k1, "A"), new Mutex(k1, "B"), "f", "g");
        nest(k2, "t2", new Mutex(k2, "B"), new Mutex(k2, "A"), "f", "g");
        assertTrue(k1.reports().isEmpty(), k1.reports().toString());
        assertEquals(1, of(k2, ReportKind.LOCKDEP_CIRCULAR).size(), k2.reports().toString());
        assertEquals(2, shared.dependencies().size(), shared.dependencies().toString());
    }

    @Test
    void aThreeClassCycleShowsTheChain() {
        Kernel k = new Kernel();
        Mutex a = new Mutex(k, "A");
        Mutex b = new Mutex(k, "B");
        Mutex c = new Mutex(k, "C");
        nest(k, "t1", a, b, "ab", "b");
        nest(k, "t2", b, c, "bc", "c");
        assertTrue(k.reports().isEmpty(), k.reports().toString());
        nest(k, "t3", c, a, "ca", "a");
        List<Report> circular = of(k, ReportKind.LOCKDEP_CIRCULAR);
        assertEquals(1, circular.size(), k.reports().toString());
        Report r = circular.get(0);
        assertEquals("LOCKDEP_CIRCULAR: C -> A -> B -> C", r.title());
        assertEquals(List.of("t3", "t1", "t2"), r.tasks());
        String text = r.text();
        assertTrue(text.contains("-> #2 (C){+.+.}:\n       c\n       bc\n\n-> #1 (B){+.+.}:\n       b\n       ab\n\n"
                + "-> #0 (A){+.+.}:\n       a\n       ca\n"), text);
        assertTrue(text.contains(String.join("\n",
                "Chain exists of:",
                "  A --> B --> C",
                "",
                " Possible unsafe locking scenario:",
                "",
                "       CPU0                    CPU1",
                "       ----                    ----",
                "  lock(C);",
                "                               lock(B);",
                "                               lock(C);",
                "  lock(A);")), text);
    }

    @Test
    void aRecursiveReadEdgeFollowedByASharedEdgeIsNotAStrongPath() {
        LockdepGraph g = new LockdepGraph();
        LockdepGraph.Node a = g.node("A");
        LockdepGraph.Node b = g.node("B");
        LockdepGraph.Node c = g.node("C");
        g.add(a, b, LockdepGraph.ER, null, "t", LockdepGraph.WRITE, LockdepGraph.RECURSIVE_READ);
        g.add(b, c, LockdepGraph.SN, null, "t", LockdepGraph.READ, LockdepGraph.WRITE);
        assertNull(g.strongPath(a, false, c, false), "A -(ER)-> B -(SN)-> C is weak");
        g.add(b, c, LockdepGraph.EN, null, "t", LockdepGraph.WRITE, LockdepGraph.WRITE);
        assertEquals(2, g.strongPath(a, false, c, false).size(), "A -(ER)-> B -(EN)-> C is strong");
        // the joints with the new edge: an *R last edge into a shared prev, an S* first edge after a recursive next
        assertNull(g.strongPath(a, false, b, true));
        assertNotNull(g.strongPath(a, false, b, false));
        LockdepGraph.Node d = g.node("D");
        g.add(d, a, LockdepGraph.SN, null, "t", LockdepGraph.READ, LockdepGraph.WRITE);
        assertNull(g.strongPath(d, true, a, false));
        assertNotNull(g.strongPath(d, false, a, false));
        assertEquals(LockdepGraph.SR, LockdepGraph.kind(LockdepGraph.READ, LockdepGraph.RECURSIVE_READ));
        assertEquals(LockdepGraph.EN, LockdepGraph.kind(LockdepGraph.WRITE, LockdepGraph.READ));
    }

    @Test
    void manyThreadsOnOneValidatorReportAnOpposedOrderOnce() throws Exception {
        Lockdep shared = new Lockdep();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Kernel[] kernels = new Kernel[threads];
        Thread[] ts = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            Kernel k = new Kernel(KernelConfig.defaults().withLockdep(shared));
            kernels[i] = k;
            boolean reverse = i % 2 == 1;
            ts[i] = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int n = 0; n < 300; n++) {
                        Mutex x = new Mutex(k, "X" + n % 7);
                        Mutex y = new Mutex(k, reverse ? "P" : "Q");
                        Mutex z = new Mutex(k, reverse ? "Q" : "P");
                        k.run("w" + n, () -> {
                            mutexLock(x);
                            mutexLock(y);
                            mutexLock(z);
                            mutexUnlock(z);
                            mutexUnlock(y);
                            mutexUnlock(x);
                        });
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join(15_000);
            assertFalse(t.isAlive());
        }
        assertNull(failure.get());
        int circular = 0;
        for (Kernel k : kernels) {
            assertTrue(k.failures().isEmpty(), k.failures().toString());
            circular += of(k, ReportKind.LOCKDEP_CIRCULAR).size();
        }
        assertEquals(1, circular, "P/Q reported once across all kernels");
        // X0..X6 -> P and -> Q, P -> Q, Q -> P
        assertEquals(16, shared.dependencies().size(), shared.dependencies().toString());
    }
}
