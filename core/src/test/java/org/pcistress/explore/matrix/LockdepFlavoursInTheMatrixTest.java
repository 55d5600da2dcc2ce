package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.kernel.locking.LockdepFlavor;
import org.pcistress.model.entry.EntryPoint;

/**
 * The 2017 cell (the probe-time SR-IOV driver bound while AER recovers) under each lockdep
 * flavour: the schedule deadlocks either way; pcistress's validator predicts the cycle through
 * the probe kworker, the kernel's cannot (dev->mutex is novalidate there), and the cell's note
 * says which.
 */
class LockdepFlavoursInTheMatrixTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    private static Cell bindPfAer(List<LockdepFlavor> flavours) {
        PciTarget t = new PciTarget("v5.10", flavours);
        return Matrix.runCell(t, List.of(PciTarget.entry(EntryPoint.BIND_PF), PciTarget.entry(EntryPoint.AER)), MINIMAL);
    }

    @Test
    void bothFlavoursSideBySide() {
        Cell c = bindPfAer(List.of(LockdepFlavor.PCISTRESS, LockdepFlavor.KERNEL));
        assertTrue(c.verdict().contains("DEADLOCK"), c.verdict());
        assertTrue(c.lockdep().stream().anyMatch(p -> p.startsWith("LOCKDEP_CIRCULAR: ")), c.lockdep().toString());
        assertTrue(c.lockdep().stream().noneMatch(p -> p.contains("(kernel lockdep)")), c.lockdep().toString());
        assertEquals("lockdep predicted it too (pcistress only: the kernel's lockdep cannot see it)", c.note());
    }

    @Test
    void theKernelFlavourAloneIsSilent() {
        Cell c = bindPfAer(List.of(LockdepFlavor.KERNEL));
        assertTrue(c.verdict().contains("DEADLOCK"), c.verdict());
        assertTrue(c.lockdep().isEmpty(), c.lockdep().toString());
        assertTrue(c.note().startsWith("lockdep silent"), c.note());
    }
}
