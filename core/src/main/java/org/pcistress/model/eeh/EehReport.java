package org.pcistress.model.eeh;

import org.pcistress.kernel.locking.Task;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.Integrity;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;

/**
 * EEH's report callbacks and how it merges the drivers' votes: {@code eeh_pe_report} →
 * {@code eeh_pe_report_edev} for each device of the PE (the model's PE is one device), under
 * {@code device_lock(dev)} (EEH_REPORT). v5.10 first reads {@code edev->pdev} and takes a reference
 * under the rescan lock, dropped before the device lock (EEH_REPORT_PDEV). A device without a
 * driver, or whose driver has no error handlers, casts no vote.
 */
final class EehReport {
    private final PciCore core;

    EehReport(PciCore core) {
        this.core = core;
    }

    /**
     * One report to the PE's device: {@code error_detected} (IO frozen), {@code mmio_enabled},
     * {@code slot_reset}, {@code resume} or {@code error_detected(permanent failure)}; the vote merged
     * into {@code result}.
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_pe_report_edev() v5.10 v6.19 v7.0 (v4.14: eeh_report_*)
     */
    ErsResult eehPeReport(PciDev dev, String which, ErsResult result) {
        try (var f = Task.enter("eeh_pe_report"); var g = Task.enter("eeh_pe_report_edev")) {
            boolean present = core.locked(KernelPath.EEH_REPORT_PDEV, dev, () -> dev.is(DevFlag.REGISTERED));
            if (!present) {
                return result; // "no device"
            }
            core.pciDevGet(dev); // get_device
            try {
                return core.locked(KernelPath.EEH_REPORT, dev, () -> {
                    PciDriver drv = dev.check("eeh_pe_report_edev").pciDriver();
                    ErrorHandlers h = drv == null ? null : drv.errHandler();
                    if (h == null) {
                        return result; // "no driver" / "driver not EEH aware": no vote
                    }
                    return merge(result, call(dev, h, which));
                });
            } finally {
                core.pciDevPut(dev);
            }
        }
    }

    /** The driver's vote, NONE for a callback it lacks; resume votes nothing. */
    private static ErsResult call(PciDev dev, ErrorHandlers h, String which) {
        switch (which) {
            case "error_detected", "error_detected(permanent failure)" -> {
                if (h.errorDetected() == null) {
                    return ErsResult.NONE;
                }
                Integrity.checkCallbackLocked(dev, "error_detected");
                dev.errorDetectedCalls().incrementAndGet();
                return h.errorDetected().apply(dev);
            }
            case "mmio_enabled" -> {
                if (h.mmioEnabled() == null) {
                    return ErsResult.NONE;
                }
                Integrity.checkCallbackLocked(dev, which);
                return h.mmioEnabled().apply(dev);
            }
            case "slot_reset" -> {
                if (h.slotReset() == null) {
                    return ErsResult.NONE;
                }
                Integrity.checkCallbackLocked(dev, which);
                return h.slotReset().apply(dev);
            }
            default -> {
                if (h.resume() != null) {
                    Integrity.checkCallbackLocked(dev, which);
                    h.resume().accept(dev);
                }
                return ErsResult.NONE;
            }
        }
    }

    /**
     * v5.10+ {@code pci_ers_merge_result}: the vote of higher priority wins (NONE < NO_AER_DRIVER <
     * RECOVERED < CAN_RECOVER < DISCONNECT < NEED_RESET). v4.14 (in each eeh_report_*): NEED_RESET
     * wins, otherwise the first vote cast.
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:pci_ers_merge_result() v5.10 v6.19 v7.0 (v4.14: eeh_report_error)
     */
    ErsResult merge(ErsResult old, ErsResult vote) {
        if (core.profile().version() == KernelVersion.V4_14) {
            return vote == ErsResult.NEED_RESET || old == ErsResult.NONE ? vote : old;
        }
        return priority(vote) > priority(old) ? vote : old;
    }

    private static int priority(ErsResult r) {
        return switch (r) {
            case NONE -> 1;
            case NO_AER_DRIVER -> 2;
            case RECOVERED -> 3;
            case CAN_RECOVER -> 4;
            case DISCONNECT -> 5;
            case NEED_RESET -> 6;
        };
    }

    /** {@code eeh_rmv_device}'s test: a driver with error_detected and slot_reset survives a reset. */
    boolean eehAware(PciDev dev) {
        PciDriver drv = dev.check("eeh_rmv_device").pciDriver();
        ErrorHandlers h = drv == null ? null : drv.errHandler();
        return h != null && h.errorDetected() != null && h.slotReset() != null;
    }
}
