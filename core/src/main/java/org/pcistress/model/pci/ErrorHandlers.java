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

    /** As {@link #recovering()} without slot_reset: EEH removes such a device instead of resetting it. */
    public static ErrorHandlers withoutSlotReset() {
        return new ErrorHandlers(d -> ErsResult.CAN_RECOVER, d -> ErsResult.RECOVERED, null, d -> { });
    }
}
