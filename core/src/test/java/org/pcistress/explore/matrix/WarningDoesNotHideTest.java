package org.pcistress.explore.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.model.entry.EntryPoint;

/**
 * A LOCKING_BUG such as a failed lockdep_assert_held is a WARN: the kernel carries on, and so does
 * the execution. The explorer used to key each failing execution by its first failure only, so in
 * v7.0 the unbind WARN (pci_stop_and_remove_bus_device without the rescan lock) hid the
 * 2017 AER deadlock that follows it in the same schedules. Each later failure now gets its own
 * counterexample, with the table cut at the step where it showed.
 */
class WarningDoesNotHideTest {
    @Test
    void theAerDeadlockAfterTheUnbindWarningIsReported() {
        ExploreResult r = Explorer.explore(new PciTarget("v7.0")
                        .plan(List.of(PciTarget.entry(EntryPoint.UNBIND_PF), PciTarget.entry(EntryPoint.AER))).scenario(),
                ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL));
        assertTrue(r.counterexamples().containsKey("LOCKING_BUG"), r.summary());
        Counterexample d = r.counterexamples().get("DEADLOCK");
        assertTrue(d != null, r.summary());
        assertEquals("DEADLOCK", d.kind());
        assertTrue(d.table().endsWith("\n") || !d.table().isEmpty());
        assertTrue(d.table().contains("down_read(pci_bus_sem)"), d.table());
        assertTrue(d.text().contains("lockdep_assert_held"), "the warning stays among the findings: " + d.text());
    }
}
