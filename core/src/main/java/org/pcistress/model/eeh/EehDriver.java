package org.pcistress.model.eeh;

import org.pcistress.kernel.locking.Task;
import org.pcistress.model.PciCore;
import org.pcistress.model.PciDev;
import org.pcistress.model.driver.ErrorHandlers;
import org.pcistress.model.driver.PciDriver;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/**
 * arch/powerpc/kernel/eeh_driver.c: recovery of a frozen PE. The model's PE is the one device the
 * event names. Report callbacks take {@code device_lock(dev)} (no pci_bus_sem); devices whose
 * driver lacks error_detected or slot_reset are removed by {@code eeh_rmv_device}: a VF through
 * {@code pci_iov_remove_virtfn} without the rescan lock, anything else under it. Re-adding removed
 * devices after the reset is not modelled (MODEL.md).
 */
public final class EehDriver {
    private final PciCore core;

    public EehDriver(PciCore core) {
        this.core = core;
    }

    /**
     * error_detected, removal of EEH-unaware devices, reset, slot_reset, resume. v6.19's
     * 1010b4c012b0 (rescan lock across the whole recovery) is the EEH_HANDLE_EVENT path, empty by
     * default in every profile (see MODEL.md).
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_handle_normal_event() v4.14 v5.10 v6.19
     */
    public void eehHandleNormalEvent(PciDev dev) {
        try (var f = Task.enter("eeh_handle_normal_event")) {
            core.locked(KernelPath.EEH_HANDLE_EVENT, dev, () -> {
                eehPeReport(dev, "error_detected");
                eehRmvDevice(dev);
                try (var g = Task.enter("eeh_reset_device")) {
                    if (dev.registered().get()) {
                        eehPeReport(dev, "slot_reset");
                        eehPeReport(dev, "resume");
                    }
                }
            });
        }
    }

    /** @kernel arch/powerpc/kernel/eeh_driver.c:eeh_pe_report_edev() v5.10 v6.19 (v4.14: eeh_report_*) */
    private void eehPeReport(PciDev dev, String which) {
        try (var f = Task.enter("eeh_pe_report"); var g = Task.enter("eeh_pe_report_edev")) {
            if (!dev.registered().get()) {
                return; // "no device"
            }
            core.pciDevGet(dev); // get_device
            try {
                core.locked(KernelPath.EEH_REPORT, dev, () -> {
                    PciDriver drv = dev.check("eeh_pe_report_edev").driver();
                    ErrorHandlers h = drv == null ? null : drv.errHandler();
                    if (h == null) {
                        return;
                    }
                    if (which.equals("error_detected") && h.errorDetected() != null) {
                        org.pcistress.model.Integrity.checkCallbackLocked(dev, which);
                        dev.errorDetectedCalls().incrementAndGet();
                        h.errorDetected().apply(dev);
                    } else if (which.equals("slot_reset") && h.slotReset() != null) {
                        org.pcistress.model.Integrity.checkCallbackLocked(dev, which);
                        h.slotReset().apply(dev);
                    } else if (which.equals("resume") && h.resume() != null) {
                        org.pcistress.model.Integrity.checkCallbackLocked(dev, which);
                        h.resume().accept(dev);
                    }
                });
            } finally {
                core.pciDevPut(dev);
            }
        }
    }

    /**
     * Keeps devices with an EEH-aware driver (error_detected and slot_reset); removes the rest:
     * a VF via {@code pci_iov_remove_virtfn(physfn, vf_index)} (EEH_RMV_VF: no rescan lock),
     * others via {@code pci_stop_and_remove_bus_device} under the rescan lock (EEH_RMV_DEV).
     * Bridges are never removed.
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_rmv_device() v4.14 v5.10 v6.19
     */
    public void eehRmvDevice(PciDev dev) {
        try (var f = Task.enter("eeh_rmv_device")) {
            if (dev.isBridge() || !dev.registered().get()) {
                return;
            }
            PciDriver drv = dev.check("eeh_rmv_device").driver();
            ErrorHandlers h = drv == null ? null : drv.errHandler();
            if (h != null && h.errorDetected() != null && h.slotReset() != null) {
                return;
            }
            if (core.profile().has(Feature.DETACH_OUTSIDE_RESCAN)) {
                core.remove().detachOutsideRescan(dev.subordinate(), dev);
            }
            if (dev.isVirtfn()) {
                core.locked(KernelPath.EEH_RMV_VF, dev, () -> core.iov().pciIovRemoveVirtfn(dev.physfn(), dev.vfIndex()));
            } else {
                core.locked(KernelPath.EEH_RMV_DEV, dev, () -> core.remove().pciStopAndRemoveBusDevice(dev));
            }
        }
    }
}
