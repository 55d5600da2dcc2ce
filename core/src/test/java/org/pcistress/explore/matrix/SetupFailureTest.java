package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.model.profile.KernelPath.EEH_RMV_VF;
import static org.pcistress.model.profile.KernelPath.SRIOV_ADD_VFS;
import static org.pcistress.model.profile.KernelPath.SRIOV_DEL_VFS;
import static org.pcistress.model.profile.LockStep.RESCAN_REMOVE;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * A lock change that deadlocks a scenario's setup is that cell's finding, not a crash of the matrix
 * (reliability review, section 5): detach-outside-rescan without dropping the rescan lock around
 * {@code .sriov_configure} makes {@code sriov_numvfs_store} take {@code pci_rescan_remove_lock}
 * twice on v7.0 (which takes it around {@code .sriov_configure}, a5338e365c45), so every scenario
 * that boots with VFs enabled fails in its setup.
 * Expected verdict: {@code DEADLOCK} in {@code bind_pf}, with the setup named in the failure.
 */
class SetupFailureTest {
    @Test
    void aDeadlockInTheSetupIsTheCellsVerdict() {
        Profile broken = Profiles.named("v7.0").enable(Feature.DETACH_OUTSIDE_RESCAN)
                .take(SRIOV_ADD_VFS, RESCAN_REMOVE).take(SRIOV_DEL_VFS, RESCAN_REMOVE).take(EEH_RMV_VF, RESCAN_REMOVE);
        PciTarget target = new PciTarget("v7.0+detach-outside-rescan-without-drop", broken);
        Cell c = Matrix.runCell(target, List.of(PciTarget.entry(EntryPoint.BIND_PF)), ExploreOptions.defaults());
        assertEquals("DEADLOCK", c.verdict(), c.toString());
        assertTrue(c.failures().get(0).title().startsWith("in the scenario's setup: "), c.failures().get(0).title());
        assertTrue(c.failures().get(0).text().contains("pci_rescan_remove_lock"), c.failures().get(0).text());
        Cell fine = Matrix.runCell(new PciTarget("v7.0+detach-outside-rescan"),
                List.of(PciTarget.entry(EntryPoint.BIND_PF)), ExploreOptions.defaults());
        assertEquals("OK", fine.verdict(), "with the drop, the same cell boots and passes");
        MatrixDiff d = MatrixDiff.compare(new MatrixResult("a", "b", List.of(), List.of(fine), 0),
                new MatrixResult("a", "b", List.of(), List.of(c), 0));
        assertEquals(1, d.introduced().size(), "a diff names it as a new failure");
    }
}
