package org.pcistress.model.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.kernel.ReportKind;
import org.pcistress.model.entry.EntryPoints;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.entry.Verdict;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.pci.VfCachingPfDriver;
import org.pcistress.model.profile.Profiles;

/**
 * S12 (sfc, 2022): a PF driver keeps its VFs' pci_dev pointers without a reference; after
 * {@code pci_disable_sriov} frees the VFs it reads them: USE_AFTER_FREE, in every version (the bug
 * is the driver's). Holding the reference while the pointer is cached is correct.
 */
class VfPointerCacheTest {

    private static Verdict enableThenDisable(String spec, PciDriver driver) {
        PciSystem sys = PciSystem.boot(Profiles.named(spec), Topology.standard().withPfDriver(driver));
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        int rc = sys.entry().sriovNumvfsStore(Topology.PF, 0);
        Verdict v = sys.finish();
        assertEquals(v.outcome().equals("OK"), rc != EntryPoints.KERNEL_BUG, v.summary());
        return v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.14", "v5.10", "v6.18", "v6.19", "v7.0"})
    void aCachedVfPointerIsUsedAfterFree(String spec) {
        Verdict v = enableThenDisable(spec, VfCachingPfDriver.withoutReference());
        assertEquals("USE_AFTER_FREE", v.outcome(), v.summary());
        assertTrue(v.reports(ReportKind.USE_AFTER_FREE).get(0).text().contains("efx_sriov_fini"), v.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.14", "v5.10", "v6.18", "v6.19", "v7.0"})
    void aReferencePerCachedPointerIsCorrect(String spec) {
        Verdict v = enableThenDisable(spec, VfCachingPfDriver.withReference());
        assertEquals("OK", v.outcome(), v.summary());
    }
}
