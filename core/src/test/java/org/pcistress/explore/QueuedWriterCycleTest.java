package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.kernel.locking.Locks.downRead;
import static org.pcistress.kernel.locking.Locks.downWrite;
import static org.pcistress.kernel.locking.Locks.mutexLock;
import static org.pcistress.kernel.locking.Locks.mutexUnlock;
import static org.pcistress.kernel.locking.Locks.upRead;
import static org.pcistress.kernel.locking.Locks.upWrite;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Task;

/**
 * A cycle only three tasks close: the AER walk holds pci_bus_sem for read and wants the PF's
 * device_lock; a bus reset (v6.x) holds that device_lock and wants pci_bus_sem for read in
 * pci_bridge_wait_for_secondary_bus, which alone would share the lock with the walk; a
 * pci_device_add queued for write in between makes the second reader wait behind it (§12: a
 * waiting writer stops new readers). Without the writer the two readers pass.
 */
class QueuedWriterCycleTest {

    private static Scenario scenario(boolean withWriter) {
        return Scenario.of(withWriter ? "aer+reset+device_add" : "aer+reset", s -> {
            Kernel k = new Kernel(KernelConfig.defaults(), s);
            RwSemaphore busSem = new RwSemaphore(k, "pci_bus_sem");
            Mutex pf = new Mutex(k, "&dev->mutex(01:00.0)");
            List<Actor> actors = new ArrayList<>();
            actors.add(new Actor("irq/24-aerdrv", () -> {
                try (var f = Task.enter("pci_walk_bus")) {
                    downRead(busSem);
                    try (var g = Task.enter("report_error_detected")) {
                        mutexLock(pf);
                        mutexUnlock(pf);
                    }
                    upRead(busSem);
                }
            }));
            actors.add(new Actor("reset_store", () -> {
                try (var f = Task.enter("pci_dev_lock")) {
                    mutexLock(pf);
                    try (var g = Task.enter("pci_bridge_wait_for_secondary_bus")) {
                        downRead(busSem);
                        upRead(busSem);
                    }
                    mutexUnlock(pf);
                }
            }));
            if (withWriter) {
                actors.add(new Actor("kworker/u:1+pci_device_add", () -> {
                    try (var f = Task.enter("pci_device_add")) {
                        downWrite(busSem);
                        upWrite(busSem);
                    }
                }));
            }
            return new Setup(k, actors);
        });
    }

    @Test
    void threeTasksCloseTheCycleThroughTheQueuedWriter() {
        ExploreResult r = Explorer.explore(scenario(true), ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL));
        assertEquals("DEADLOCK", r.verdict(), r.summary());
        Counterexample c = r.counterexamples().get("DEADLOCK");
        assertTrue(c.text().contains("3 tasks wait for each other"), c.text());
        assertEquals(3, c.tasks().size(), c.tasks().toString());
        assertTrue(c.table().contains("down_write(pci_bus_sem)"), c.table());
    }

    @Test
    void twoReadersAloneShareTheLock() {
        ExploreResult r = Explorer.explore(scenario(false));
        assertEquals("OK", r.verdict(), r.summary());
        assertTrue(r.exhausted(), r.coverage());
    }
}
