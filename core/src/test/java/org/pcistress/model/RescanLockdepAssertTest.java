package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pcistress.kernel.ReportKind;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * v6.18/v6.19 pci_stop_and_remove_bus_device asserts the rescan lock (lockdep_assert_held). The
 * revert 2fa119c0e5e5 changes only iov.c, so after it unbinding a PF with VFs (.remove →
 * pci_disable_sriov → sriov_del_vfs → pci_iov_remove_virtfn) removes VFs without the lock and
 * trips the assertion: the path Nechita's series calls "unprotected". v5.10 has no assertion.
 */
class RescanLockdepAssertTest {

    @ParameterizedTest
    @CsvSource({"v7.0, LOCKING_BUG", "v6.19, OK", "v5.10, OK", "v7.0+reentrant-rescan, OK"})
    void unbindOfAPfWithVfs(String profile, String outcome) {
        PciSystem sys = PciSystem.boot(Profiles.named(profile), Topology.standard().withNumVfsAtBoot(2));
        assertEquals(0, sys.entry().unbindStore(Topology.PF));
        Verdict v = sys.finish();
        assertEquals(outcome, v.outcome(), v.summary());
        if (outcome.equals("LOCKING_BUG")) {
            assertTrue(v.reports(ReportKind.LOCKING_BUG).get(0).title().contains("lockdep_assert_held"), v.summary());
            assertEquals(1, sys.core().bus(1).entries().size(), "the VFs are still removed: a WARN, not a stop");
        }
    }
}
