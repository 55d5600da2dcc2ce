package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * {@link Topology#withExtraPfs} and {@link Topology#withExtraEndpoints}: a wide hierarchy behind
 * the root port, on bus 01 and then behind a switch, that boots bound, walks whole, and comes back
 * after a remove and a rescan.
 */
@Timeout(120)
class WideTopologyTest {
    private static final Pattern BDF = Pattern.compile("[0-9a-f]{2}:[0-1][0-9a-f]\\.[0-7]");

    private static PciSystem boot(Topology t) {
        return PciSystem.boot(Profiles.named("v7.0"), t.withNumaNode(false));
    }

    /** Every device below bus 01, in pci_walk_bus order, read without locks (the harness's view). */
    private static List<PciDev> below(PciBus bus) {
        List<PciDev> out = new ArrayList<>();
        for (PciDev d : bus.entries()) {
            out.add(d);
            if (d.subordinate() != null) {
                out.addAll(below(d.subordinate()));
            }
        }
        return out;
    }

    private static void assertBooted(PciSystem sys, int expected) {
        List<PciDev> devs = below(sys.core().bus(1));
        assertEquals(expected, devs.size());
        assertEquals(expected, sys.topology().devicesBehindRootPort());
        Set<String> bdfs = new HashSet<>();
        for (PciDev d : devs) {
            assertTrue(BDF.matcher(d.bdf()).matches(), d.bdf());
            assertTrue(bdfs.add(d.bdf()), "two devices at " + d.bdf());
            assertTrue(d.is(DevFlag.ADDED), d + " not added");
            assertTrue(d.isBridge() || d.driver() != null, d + " not bound");
        }
    }

    @Test
    void theStandardTopologyHasNoExtraDevices() {
        Topology t = Topology.standard();
        assertTrue(t.extra().isEmpty());
        assertEquals(1, t.devicesBehindRootPort());
        assertEquals(List.of(t.pfDriver(), t.vfDriver()), t.modules());
    }

    @Test
    void sixteenDevicesFitOnBusOne() {
        PciSystem sys = boot(Topology.standard().withExtraPfs(2, 6).withExtraEndpoints(1));
        assertBooted(sys, 16);
        assertEquals(0, sys.topology().extra().bridges());
        assertNotNull(sys.device("01:01.7"), "the first extra PF's last VF");
        assertNotNull(sys.device("01:03.0"), "the endpoint after the two PFs");
        assertEquals(6, sys.device("01:02.0").numVfs());
        assertEquals("OK", sys.finish().outcome());
    }

    @Test
    void beyondBusOneASwitchTakesTheRest() {
        Topology t = Topology.standard().withExtraPfs(36, 6).withExtraEndpoints(1);
        assertEquals(2, t.extra().bridges(), "an upstream and one downstream port");
        PciSystem sys = boot(t);
        assertBooted(sys, 256);
        PciDev usp = sys.device("01:1f.0");
        assertEquals(DeviceRole.BRIDGE, usp.role());
        assertEquals(2, usp.subordinate().number());
        assertEquals(3, sys.device("02:00.0").subordinate().number());
        assertNotNull(sys.device("03:05.7"), "VF 5 of the sixth PF behind the switch");
        assertEquals(sys.device("02:00.0"), sys.device("03:05.7").parent(), "a VF's parent is its bus's bridge");
        assertEquals("OK", sys.finish().outcome());
    }

    @Test
    void fourThousandDevicesBootAndOneBroadcastReachesThemAll() {
        Topology t = Topology.standard().withExtraPfs(582, 6).withExtraEndpoints(2);
        PciSystem sys = boot(t);
        assertBooted(sys, 4096);
        assertEquals(0x03 + 17, sys.device("02:11.0").subordinate().number(), "the 18th downstream port's bus");
        PciDev pf = sys.device(Topology.PF);
        assertEquals(ErsResult.CAN_RECOVER, sys.aer().broadcastTask(pf, "error_detected"));
        for (PciDev d : below(sys.core().bus(1))) {
            assertEquals(d.isBridge() ? 0 : 1, d.errorDetectedCalls().get(), d.toString());
        }
        assertEquals(0, sys.entry().aerError(Topology.PF));
        assertEquals("OK", sys.finish().outcome());
    }

    @Test
    void anEndpointRemovedComesBackWithARescanAndTheCardWithAHotAdd() {
        PciSystem sys = boot(Topology.standard().withExtraEndpoints(253));
        assertBooted(sys, 256);
        assertEquals(0, sys.entry().removeStore("01:10.3"));
        assertEquals(255, below(sys.core().bus(1)).size());
        assertEquals(0, sys.entry().rescanStore());
        assertBooted(sys, 256);
        assertEquals(0, sys.entry().hotUnplug(Topology.SLOT));
        assertEquals(List.of(), sys.core().bus(1).entries());
        assertEquals(0, sys.entry().hotAdd(Topology.SLOT));
        assertBooted(sys, 256);
        assertEquals("OK", sys.finish().outcome());
    }

    @Test
    void underDeferredEnumerationBootWaitsForEachPfsVfs() {
        Topology t = Topology.standard().withNumaNode(false).withExtraPfs(36, 6).withExtraEndpoints(1);
        PciSystem sys = PciSystem.boot(Profiles.named("v7.0+deferred-enumeration"), t);
        assertBooted(sys, 256);
        assertEquals("OK", sys.finish().outcome());
    }

    @Test
    void tooManyForOneSwitchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Topology.standard().withExtraPfs(30 + 32 * 32 + 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Topology.standard().withExtraPfs(1, 7));
        assertFalse(Topology.standard().withExtraPfs(30 + 32 * 32, 0).extra().isEmpty());
    }
}
