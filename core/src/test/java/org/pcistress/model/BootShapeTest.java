package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * Boot must stay cheap because a jcstress sample boots one core per sample. What keeps it cheap is
 * structural, and checked here: boot probes inline on the calling thread and starts no kworker.
 * What it costs is measured by JMH (ModelBench_00_Boot), never by a timed unit test.
 */
@Timeout(30)
class BootShapeTest {

    @Test
    void bootOfTheStandardTopologyRunsInOneTaskAndSpawnsNoWorker() {
        PciSystem sys = PciSystem.boot(Profiles.named("v7.0"), Topology.standard());
        assertEquals(1, sys.kernel().tasksCreated(), "boot runs as swapper/0 alone and starts no worker");
        assertEquals(List.of(), sys.kernel().tasks(), "an exited task does not stay in the kernel");
        assertEquals(2, sys.devices().size());
        assertEquals("OK", sys.finish().outcome());
    }
}
