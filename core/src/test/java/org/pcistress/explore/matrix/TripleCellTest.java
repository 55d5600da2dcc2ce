package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.model.entry.EntryPoint;

/** A matrix cell of three entry points: booted in a state all three need, raced, keyed a+b+c. */
class TripleCellTest {

    @Test
    void aTripleCellRacesAllThree() {
        List<Entry> cell = List.of(PciTarget.entry(EntryPoint.RESET_PF), PciTarget.entry(EntryPoint.NUMVFS_N),
                PciTarget.entry(EntryPoint.NUMVFS_READ));
        Cell c = Matrix.runCell(new PciTarget("v5.10"), cell,
                ExploreOptions.defaults().withStop(ExploreOptions.Stop.FIRST));
        assertEquals("reset_pf+numvfs_n+numvfs_read", c.key());
        assertEquals("DEADLOCK", c.verdict(), c.toString());
        assertTrue(c.initialState().contains("0 VFs enabled"), c.initialState());
    }
}
