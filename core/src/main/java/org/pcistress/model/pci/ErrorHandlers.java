package org.pcistress.model.pci;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code struct pci_error_handlers}: each callback may be {@code null}, as in the kernel. The PCI
 * core runs every one of them under {@code device_lock(dev)}.
 */
public record ErrorHandlers(Function<PciDev, ErsResult> errorDetected, Function<PciDev, ErsResult> mmioEnabled,
        Function<PciDev, ErsResult> slotReset, Consumer<PciDev> resume) {

    /** Handlers that recover without a reset: error_detected votes CAN_RECOVER, the rest RECOVERED. */
    public static ErrorHandlers recovering() {
        return new ErrorHandlers(d -> ErsResult.CAN_RECOVER, d -> ErsResult.RECOVERED, d -> ErsResult.RECOVERED, d -> { });
    }

    /**
     * As {@link #recovering()}, but error_detected does {@code work} before it votes: what a real
     * driver's handler does (stop its queues, flush, log), which runs under device_lock and, on a
     * kernel whose walk holds pci_bus_sem across the callbacks, under that too.
     */
    public static ErrorHandlers recoveringAfter(Runnable work) {
        return new ErrorHandlers(d -> {
            work.run();
            return ErsResult.CAN_RECOVER;
        }, d -> ErsResult.RECOVERED, d -> ErsResult.RECOVERED, d -> { });
    }

    /** As {@link #withoutSlotReset()}, with error_detected doing {@code work} first. */
    public static ErrorHandlers withoutSlotResetAfter(Runnable work) {
        return new ErrorHandlers(d -> {
            work.run();
            return ErsResult.CAN_RECOVER;
        }, d -> ErsResult.RECOVERED, null, d -> { });
    }

    /** As {@link #recovering()} without slot_reset: EEH removes such a device instead of resetting it. */
    public static ErrorHandlers withoutSlotReset() {
        return new ErrorHandlers(d -> ErsResult.CAN_RECOVER, d -> ErsResult.RECOVERED, null, d -> { });
    }
}
