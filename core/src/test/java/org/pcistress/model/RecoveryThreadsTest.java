package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

/**
 * The threads recovery runs on: v4.14 aer_isr is a work item (a kworker), v5.10+ the threaded
 * handler of the "aerdrv" IRQ; EEH always the eehd kthread. A PF driver records where its
 * error_detected runs.
 */
class RecoveryThreadsTest {

    private static String errorDetectedRunsIn(String profile, boolean eeh) {
        AtomicReference<String> where = new AtomicReference<>();
        PciDriver pf = PciDriver.builder("recording_pf").matching(DeviceRole.PF).probe(d -> 0)
                .errHandler(new ErrorHandlers(d -> {
                    where.set(Task.current().name() + " at " + Task.current().frame().chain());
                    return ErsResult.CAN_RECOVER;
                }, d -> ErsResult.RECOVERED, d -> ErsResult.RECOVERED, d -> { }))
                .build();
        PciSystem sys = PciSystem.boot(Profiles.named(profile), Topology.standard().withPfDriver(pf));
        assertEquals(0, eeh ? sys.entry().eehEvent(Topology.PF) : sys.entry().aerError(Topology.PF));
        assertEquals("OK", sys.finish().outcome());
        return where.get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.14", "v5.10", "v6.19"})
    void aerRecoveryThread(String profile) {
        String where = errorDetectedRunsIn(profile, false);
        if (profile.equals("v4.14")) {
            assertTrue(where.matches("kworker/u:\\d+\\+aer_isr at .*"), where);
            assertTrue(where.contains("do_recovery") && where.contains("broadcast_error_message"), where);
        } else {
            assertTrue(where.startsWith("irq/24-aerdrv at "), where);
            assertTrue(where.contains("pcie_do_recovery") && where.contains("report_normal_detected"), where);
        }
        assertTrue(where.contains("aer_isr_one_error") && where.contains("handle_error_source"), where);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10", "v6.19+eeh-bus-get-nolock"})
    void eehRecoveryThread(String profile) {
        String where = errorDetectedRunsIn(profile, true);
        assertTrue(where.startsWith("eehd at ") && where.contains("eeh_handle_normal_event"), where);
    }
}
