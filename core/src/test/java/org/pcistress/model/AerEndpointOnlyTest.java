package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * Where an AER broadcast goes (audit point 2). v4.14.74's broadcast_error_message reports a
 * non-fatal error raised by an endpoint to that endpoint alone (no pci_walk_bus, no pci_bus_sem; a
 * 4.14.y stable backport); v5.10+ walk the secondary bus of the endpoint's upstream bridge, so the
 * PF's VFs hear of it too. An error raised by the root port walks its secondary bus everywhere.
 */
class AerEndpointOnlyTest {

    @ParameterizedTest(name = "{0}, error from {1}: PF {2}, VFs {3}")
    @CsvSource({
        "v4.14, 01:00.0, 1, 0",
        "v5.10, 01:00.0, 1, 1",
        "v7.0,  01:00.0, 1, 1",
        "v4.14, 00:1c.0, 1, 1",
        "v7.0,  00:1c.0, 1, 1"})
    void errorDetectedReaches(String spec, String source, int pf, int eachVf) {
        PciSystem sys = PciSystem.boot(Profiles.named(spec), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, sys.entry().aerError(source));
        assertEquals(pf, sys.device(Topology.PF).errorDetectedCalls().get());
        assertEquals(eachVf, sys.device("01:00.2").errorDetectedCalls().get());
        assertEquals(eachVf, sys.device("01:00.3").errorDetectedCalls().get());
        assertEquals("OK", sys.finish().outcome());
    }
}
