package org.pcistress.kernel.locking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hundreds of kworkers queue on one rwsem (a wide bus enumerating VFs after boot). The detector's
 * edges follow the FIFO chain, so each wait costs O(queue): the convoy drains well inside the
 * default hung-task bound. With an edge to every task queued ahead, 600 tasks took 31 s and one
 * wait 9 s, a false HUNG_TASK.
 */
@Timeout(60)
class ConvoyTest {

    @Test
    void aConvoyOfKworkersOnOneRwsemDrainsWithNoReport() {
        Kernel kernel = new Kernel(KernelConfig.defaults());
        RwSemaphore sem = new RwSemaphore(kernel, "pci_bus_sem");
        int tasks = 400;
        kernel.run("spawner", () -> {
            for (int i = 0; i < tasks; i++) {
                int id = i;
                kernel.spawn("kworker/u:" + i, () -> {
                    for (int round = 0; round < 6; round++) {
                        if ((id + round) % 4 == 0) {
                            sem.downRead();
                            sem.upRead();
                        } else {
                            sem.downWrite();
                            sem.upWrite();
                        }
                    }
                });
            }
        });
        assertTrue(kernel.quiesce(), kernel.reports().toString());
        assertEquals(401, kernel.tasksCreated());
        assertTrue(kernel.reports().isEmpty(), kernel.reports().toString());
    }
}
