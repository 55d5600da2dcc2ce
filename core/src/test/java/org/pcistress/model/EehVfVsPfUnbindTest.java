package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Scheduler.Op;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * O'Halloran 2020: eeh_rmv_device removes a VF through pci_iov_remove_virtfn without the rescan
 * lock, while unbinding the PF runs .remove → pci_disable_sriov → sriov_del_vfs →
 * pci_iov_remove_virtfn on the same VF. Both get a reference to VF 01:00.2 from the klist; the
 * gates hold each at that point until the other has got there too (or blocked, or exited). The VFs
 * have no driver: no vote, so EEH resets with hotplug activity and removes the VF (a VF driver that
 * votes CAN_RECOVER is resumed instead: EehVotesTest).
 */
class EehVfVsPfUnbindTest {
    private static final String GOT_VF = "pci_iov_remove_virtfn:virtfn(01:00.2)";

    private static Verdict race(String profile) {
        ScriptedScheduler s = new ScriptedScheduler();
        PciSystem sys = PciSystem.boot(Profiles.named(profile), Topology.standard().withNumVfsAtBoot(2).withVfDriverAtBoot(false),
                KernelConfig.defaults(), s);
        var eehWaits = s.pause("eehd", Op.ACCESS, GOT_VF, "unbind_store", Op.ACCESS, GOT_VF);
        var unbindWaits = s.pause("unbind_store", Op.ACCESS, GOT_VF, "eehd", Op.ACCESS, GOT_VF);
        assertTrue(Actors.run(
                () -> sys.entry().eehEvent(Topology.PF.replace(".0", ".2")),
                () -> sys.entry().unbindStore(Topology.PF)));
        Verdict v = sys.finish();
        assertFalse(eehWaits.timedOut() || unbindWaits.timedOut(), "a gate timed out: " + v.summary());
        assertTrue(eehWaits.used() || unbindWaits.used(), "neither task reached the VF: " + v.summary());
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10", "v4.14"})
    void bothRemoveTheVf(String profile) {
        Verdict v = race(profile);
        assertTrue(Set.of("DOUBLE_REMOVE", "USE_AFTER_FREE", "REFCOUNT_UNDERFLOW", "LIST_CORRUPTION")
                .contains(v.outcome()), v.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10+detach-outside-rescan", "v4.14+detach-outside-rescan"})
    void serialisedByTheRescanLock(String profile) {
        Verdict v = race(profile);
        assertEquals("OK", v.outcome(), v.summary());
    }
}
