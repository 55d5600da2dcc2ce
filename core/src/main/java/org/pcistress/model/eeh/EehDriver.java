package org.pcistress.model.eeh;

import java.util.function.IntSupplier;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.Integrity;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.PciDriver;
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
    /** Not a kernel lock: stands for the one eehd kthread, so lockdep does not validate it. */
    private static final LockClass EEHD = LockClass.novalidate("eeh_event_handler");

    private final PciCore core;
    private Mutex eehd;

    public EehDriver(PciCore core) {
        this.core = core;
    }

    /**
     * Runs one EEH event the way the single {@code eehd} kthread does: {@code eeh_event_handler}
     * takes events off {@code eeh_eventlist} one at a time, so two events never recover
     * concurrently. Modelled as a mutex held across the event (not validated by lockdep: the
     * kernel has no lock here, only one thread).
     *
     * @kernel arch/powerpc/kernel/eeh_event.c:eeh_event_handler() v4.14 v5.10 v6.19
     */
    public int eehEventHandler(IntSupplier event) {
        try (var f = Task.enter("eeh_event_handler")) {
            Mutex m = eehd();
            Locks.mutexLock(m);
            try {
                return event.getAsInt();
            } finally {
                Locks.mutexUnlock(m);
            }
        }
    }

    private synchronized Mutex eehd() {
        if (eehd == null) {
            eehd = new Mutex(core.kernel(), EEHD, "eehd");
        }
        return eehd;
    }

    /**
     * {@code eeh_pe_bus_get}, then error_detected, removal of EEH-unaware devices, reset,
     * slot_reset, resume. v6.18/v6.19 hold the rescan lock across all of it (EEH_HANDLE_EVENT:
     * 1010b4c012b0, Timothy Pearson, v6.17), and their eeh_pe_bus_get takes it again
     * (EEH_PE_BUS_GET): the recursive locking eehd hit on 6.18-rc3, a self-deadlock at the start of
     * every recovery until 815a8d2feb56 (the fix {@code eeh-bus-get-nolock}).
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_handle_normal_event() v4.14 v5.10 v6.19
     */
    public void eehHandleNormalEvent(PciDev dev) {
        try (var f = Task.enter("eeh_handle_normal_event")) {
            core.locked(KernelPath.EEH_HANDLE_EVENT, dev, () -> {
                if (eehPeBusGet(dev) == null) {
                    return; // "Cannot find PCI bus for PHB#%x-PE#%x"
                }
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

    /**
     * The PE's PCI bus: the bus of its first device, looked up under the EEH_PE_BUS_GET steps (the
     * rescan lock in v6.18/v6.19, nothing in v4.14/v5.10 and with eeh-bus-get-nolock).
     *
     * @kernel arch/powerpc/kernel/eeh_pe.c:eeh_pe_bus_get() v4.14 v5.10 v6.19
     */
    public PciBus eehPeBusGet(PciDev dev) {
        try (var f = Task.enter("eeh_pe_bus_get")) {
            return core.locked(KernelPath.EEH_PE_BUS_GET, dev, () -> dev.registered().get() ? dev.bus() : null);
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
                    PciDriver drv = dev.check("eeh_pe_report_edev").pciDriver();
                    ErrorHandlers h = drv == null ? null : drv.errHandler();
                    if (h == null) {
                        return;
                    }
                    if (which.equals("error_detected") && h.errorDetected() != null) {
                        Integrity.checkCallbackLocked(dev, which);
                        dev.errorDetectedCalls().incrementAndGet();
                        h.errorDetected().apply(dev);
                    } else if (which.equals("slot_reset") && h.slotReset() != null) {
                        Integrity.checkCallbackLocked(dev, which);
                        h.slotReset().apply(dev);
                    } else if (which.equals("resume") && h.resume() != null) {
                        Integrity.checkCallbackLocked(dev, which);
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
     * Bridges are never removed. In v6.18/v6.19 both run inside eeh_handle_normal_event's rescan
     * lock, so the VF branch is serialised with other removals, and the non-VF branch takes the
     * lock a second time: a self-deadlock that 815a8d2feb56 leaves (DERIVED; a third-party field
     * report of 2026 describes the same eehd hang).
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_rmv_device() v4.14 v5.10 v6.19
     */
    public void eehRmvDevice(PciDev dev) {
        try (var f = Task.enter("eeh_rmv_device")) {
            if (dev.isBridge() || !dev.registered().get()) {
                return;
            }
            PciDriver drv = dev.check("eeh_rmv_device").pciDriver();
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
