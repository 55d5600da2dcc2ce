package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;
import org.pcistress.model.sysfs.EntryPoint;
import org.pcistress.model.sysfs.EntryPoints;

/** Every entry point, run alone on the standard topology, ends in every profile as that kernel would. */
class EntryPointAloneTest {

    /**
     * What one entry point alone ends in; OK unless the kernel itself breaks on it:
     * <ul>
     * <li>v6.18/v6.19 remove or hot-unplug of a PF with VFs: the 05703271c3cd self-deadlock
     *     (SriovRescanSelfDeadlockTest);
     * <li>v6.18/v6.19 EEH of any device: eehd's recursive rescan lock in eeh_pe_bus_get under
     *     1010b4c012b0 (EehRescanLockTest);
     * <li>v6.19+revert unbind/rmmod of a PF with VFs: sriov_del_vfs without the rescan lock trips
     *     pci_stop_and_remove_bus_device's lockdep assertion (RescanLockdepAssertTest).
     * </ul>
     */
    static String expected(Profile p, Topology topo, EntryPoint e) {
        boolean v61x = p.name().startsWith("v6.1");
        boolean revert = p.name().endsWith("revert");
        boolean vfs = topo.numVfsAtBoot() > 0;
        if (v61x && !revert && vfs && (e == EntryPoint.REMOVE_PF || e == EntryPoint.HOT_UNPLUG)) {
            return "DEADLOCK";
        }
        if (v61x && (e == EntryPoint.EEH_PF || (vfs && e == EntryPoint.EEH_VF))) {
            return "DEADLOCK";
        }
        if (revert && vfs && (e == EntryPoint.UNBIND_PF || e == EntryPoint.UNLOAD_PF_DRIVER)) {
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
                    PciCore core = PciCore.boot(p, topo);
                    int rc = e.run(core);
                    Verdict v = core.finish();
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
        PciCore core = PciCore.boot(Profiles.named("v5.10"), Topology.standard().withNumVfsAtBoot(2));
        assertEquals("sriov_pf", core.device("01:00.0").driver().name());
        assertEquals("sriov_vf", core.device("01:00.2").driver().name());
        assertEquals("sriov_vf", core.device("01:00.3").driver().name());
        assertEquals(core.device("00:1c.0"), core.device("01:00.2").parent());
        assertEquals(core.device("01:00.0"), core.device("01:00.2").physfn());
        assertEquals(List.of(core.device("01:00.0"), core.device("01:00.2"), core.device("01:00.3")),
                core.bus(1).entries());
        assertEquals("OK", core.finish().outcome());
        assertNotEquals(null, core.device("00:1c.0").subordinate());
    }
}
