package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.entry.EntryPoints;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/** Every entry point, run alone on the standard topology, ends in every profile as that kernel would. */
class EntryPointAloneTest {

    /**
     * What one entry point alone ends in; OK unless the kernel itself breaks on it:
     * <ul>
     * <li>v6.18/v6.19 remove or hot-unplug of a PF with VFs: the 05703271c3cd self-deadlock
     *     (SriovRescanSelfDeadlockTest);
     * <li>v6.18/v6.19 EEH of any device: eehd's recursive rescan lock in eeh_pe_bus_get under
     *     1010b4c012b0 (EehRescanLockTest; v7.0 has the fix 815a8d2feb56);
     * <li>v7.0 unbind/rmmod of a PF with VFs: sriov_del_vfs without the rescan lock trips
     *     pci_stop_and_remove_bus_device's lockdep assertion (RescanLockdepAssertTest).
     * </ul>
     */
    static String expected(Profile p, Topology topo, EntryPoint e) {
        boolean v61x = p.name().startsWith("v6.1");
        boolean revert = p.name().equals("v7.0");
        boolean vfs = topo.numVfsAtBoot() > 0;
        if (v61x && !revert && vfs && (e == EntryPoint.REMOVE_PF || e == EntryPoint.HOT_UNPLUG)) {
            return "DEADLOCK";
        }
        if (v61x && (e == EntryPoint.EEH_PF || (vfs && e == EntryPoint.EEH_VF))) {
            return "DEADLOCK";
        }
        if (revert && vfs && (e == EntryPoint.UNBIND_PF || e == EntryPoint.UNLOAD_PF)) {
            return "LOCKING_BUG";
        }
        return "OK";
    }

    @Test
    void everyEntryPointAloneEndsAsTheKernelWould() {
        List<String> bad = new ArrayList<>();
        for (Profile p : Profiles.all()) {
            for (Topology topo : List.of(Topology.standard(), Topology.standard().withNumVfsAtBoot(2))) {
                for (EntryPoint e : EntryPoint.values()) {
                    PciSystem sys = PciSystem.boot(p, topo);
                    int rc = e.run(sys);
                    Verdict v = sys.finish();
                    String want = expected(p, topo, e);
                    if (!v.outcome().equals(want) || (want.equals("OK") && rc == EntryPoints.KERNEL_BUG)) {
                        bad.add(p + " vfs=" + topo.numVfsAtBoot() + " " + e + " rc=" + rc + " want " + want + ": "
                                + v.summary());
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void bootBuildsTheStandardTopology() {
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10"), Topology.standard().withNumVfsAtBoot(2));
        assertEquals("sriov_pf", sys.device("01:00.0").driver().name());
        assertEquals("sriov_vf", sys.device("01:00.2").driver().name());
        assertEquals("sriov_vf", sys.device("01:00.3").driver().name());
        assertEquals(sys.device("00:1c.0"), sys.device("01:00.2").parent());
        assertEquals(sys.device("01:00.0"), sys.device("01:00.2").physfn());
        assertEquals(List.of(sys.device("01:00.0"), sys.device("01:00.2"), sys.device("01:00.3")),
                sys.core().bus(1).entries());
        assertEquals("OK", sys.finish().outcome());
        assertNotEquals(null, sys.device("00:1c.0").subordinate());
    }
}
