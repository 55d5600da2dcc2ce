package org.pcistress.model.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.entry.EntryPoint;

/**
 * S2: sysfs {@code reset} of the PF against {@code sriov_numvfs} writes. Before a91ee0e9fca9
 * (v5.19) {@code pci_dev_lock} took cfg-access, then device_lock(PF); sriov_numvfs_store holds
 * device_lock(PF) and sriov_enable/sriov_disable take cfg-access(PF): an AB-BA the explorer finds
 * on v4.14 and v5.10. The reversed order (v6.19, or v5.10 with the commit as the fix
 * {@code pci-dev-lock-order}) is proven deadlock-free within the default bound.
 */
class ResetVsNumvfsTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    static ExploreResult explore(String spec, EntryPoint a, EntryPoint b) {
        return Explorer.explore(new PciTarget(spec).plan(List.of(PciTarget.entry(a), PciTarget.entry(b))).scenario(),
                MINIMAL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NUMVFS_N", "NUMVFS_0"})
    void deadlocksBeforeA91ee0e9fca9(String numvfs) {
        for (String spec : List.of("v4.14", "v5.10")) {
            ExploreResult r = explore(spec, EntryPoint.RESET_PF, EntryPoint.valueOf(numvfs));
            assertEquals("DEADLOCK", r.verdict(), spec + ": " + r.summary());
            Counterexample c = r.counterexamples().get("DEADLOCK");
            assertTrue(c.title().contains("reset_store ⇄ sriov_numvfs_store"), c.title());
            assertTrue(c.text().contains("2 tasks wait for each other"), c.text());
            assertTrue(c.text().contains("cfg_access(01:00.0)") && c.text().contains("&dev->mutex(01:00.0)"), c.text());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v7.0", "v6.19", "v6.18", "v5.10+pci-dev-lock-order", "v4.14+pci-dev-lock-order"})
    void provenWithDeviceLockFirst(String spec) {
        for (EntryPoint numvfs : List.of(EntryPoint.NUMVFS_N, EntryPoint.NUMVFS_0)) {
            ExploreResult r = explore(spec, EntryPoint.RESET_PF, numvfs);
            assertEquals("OK", r.verdict(), spec + " " + numvfs + ": " + r.summary());
            assertTrue(r.exhausted(), r.coverage());
        }
    }
}
