package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.model.entry.EntryPoints;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * 1010b4c012b0 "powerpc/eeh: Make EEH driver device hotplug safe" (v6.17): eeh_handle_normal_event
 * holds the rescan lock for the whole recovery, and eeh_pe_bus_get takes it again: the 6.18-rc3
 * "possible recursive locking detected" by eehd. 815a8d2feb56 (fix eeh-bus-get-nolock) makes the
 * handler use eeh_pe_bus_get_nolock; eeh_rmv_device's own lock for a non-VF device stays.
 * Sequential: no interleaving to order.
 */
class EehRescanLockTest {
    private static final String VF0 = "01:00.2";

    @Test
    void v619EehSelfDeadlocksInEehPeBusGet() {
        PciSystem sys = PciSystem.boot(Profiles.named("v6.19"), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().eehEvent(VF0));
        Verdict v = sys.finish();
        assertEquals("DEADLOCK", v.outcome(), v.summary());
        Report r = v.reports(ReportKind.DEADLOCK).get(0);
        assertEquals(List.of("eehd"), r.tasks());
        assertTrue(r.title().contains("recursive lock(pci_rescan_remove_lock)"), r.title());
        assertTrue(r.text().contains("eeh_pe_bus_get"), r.text());
    }

    @Test
    void withTheFixADriverlessVfIsRemovedUnderTheHandlersRescanLock() {
        PciSystem sys = PciSystem.boot(Profiles.named("v6.19+eeh-bus-get-nolock"),
                Topology.standard().withNumVfsAtBoot(2).withVfDriverAtBoot(false));
        assertEquals(0, sys.entry().eehEvent(VF0));
        Verdict v = sys.finish();
        assertEquals("OK", v.outcome(), v.summary());
        assertNull(sys.device(VF0), "no driver, no vote: eeh_reset_device removed the VF");
    }

    /** With a NEED_RESET vote, eeh_rmv_device removes a device whose driver has no slot_reset, re-taking the lock. */
    @Test
    void withTheFixANonVfThatNeedsAResetButCannotDoOneStillSelfDeadlocksInEehRmvDevice() {
        PciDriver noReset = PciDriver.builder("pf_no_slot_reset").matching(DeviceRole.PF).probe(d -> 0).remove(d -> { })
                .errHandler(new ErrorHandlers(d -> ErsResult.NEED_RESET, null, null, d -> { })).build();
        PciSystem sys = PciSystem.boot(Profiles.named("v7.0"), Topology.standard().withPfDriver(noReset));
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().eehEvent(Topology.PF));
        Verdict v = sys.finish();
        assertEquals("DEADLOCK", v.outcome(), v.summary());
        assertTrue(v.reports(ReportKind.DEADLOCK).get(0).text().contains("eeh_rmv_device"), v.summary());
    }

    /** Without any EEH handler (no vote), the PE's bus goes through pci_hp_remove_devices under the handler's lock. */
    @Test
    void withTheFixAnEehUnawarePfIsRemovedWithoutTakingTheLockAgain() {
        PciDriver plain = PciDriver.builder("plain_pf").matching(DeviceRole.PF).probe(d -> 0).remove(d -> { }).build();
        PciSystem sys = PciSystem.boot(Profiles.named("v7.0"), Topology.standard().withPfDriver(plain));
        assertEquals(0, sys.entry().eehEvent(Topology.PF));
        Verdict v = sys.finish();
        assertEquals("OK", v.outcome(), v.summary());
        assertNull(sys.device(Topology.PF), "every driver EEH-unaware: the PE was removed");
    }

    @Test
    void v510EehTakesNoRescanLockForTheVf() {
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10"), Topology.standard().withNumVfsAtBoot(2).withVfDriverAtBoot(false));
        assertEquals(0, sys.entry().eehEvent(VF0));
        assertEquals("OK", sys.finish().outcome());
        assertNull(sys.device(VF0));
    }
}
