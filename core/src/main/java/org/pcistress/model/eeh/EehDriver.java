package org.pcistress.model.eeh;

import java.util.function.IntSupplier;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/**
 * arch/powerpc/kernel/eeh_driver.c: recovery of a frozen PE, driven by the drivers' votes. The
 * model's PE is the one device the event names. Report callbacks take {@code device_lock(dev)} (no
 * pci_bus_sem). Devices are removed only by {@code eeh_reset_device} (every driver EEH-unaware, or
 * a NEED_RESET vote: then only devices whose driver lacks error_detected or slot_reset) and by the
 * hard-failure path; a CAN_RECOVER vote whose MMIO and DMA come back is resumed, nothing removed.
 * Re-adding removed devices after the reset is not modelled (MODEL.md).
 */
public final class EehDriver {
    /** Not a kernel lock: stands for the one eehd kthread, so lockdep does not validate it. */
    private static final LockClass EEHD = LockClass.novalidate("eeh_event_handler");

    private final PciCore core;
    private final EehReport report;
    private Mutex eehd;

    public EehDriver(PciCore core) {
        this.core = core;
        this.report = new EehReport(core);
    }

    /**
     * Runs one EEH event the way the single {@code eehd} kthread does: {@code eeh_event_handler}
     * takes events off {@code eeh_eventlist} one at a time, so two events never recover
     * concurrently. Modelled as a mutex held across the event (not validated by lockdep: the
     * kernel has no lock here, only one thread).
     *
     * @kernel arch/powerpc/kernel/eeh_event.c:eeh_event_handler() v4.14 v5.10 v6.19 v7.0
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
     * {@code eeh_pe_bus_get}; error_detected to every driver (votes merged); then by the merged vote:
     * NONE (no EEH-aware driver) resets with hotplug activity, removing the PE's devices;
     * CAN_RECOVER thaws MMIO (mmio_enabled votes) and DMA and is RECOVERED (thawing is taken to
     * succeed); NEED_RESET resets, removing only devices whose driver cannot do a reset, then
     * slot_reset; RECOVERED or NONE resume; DISCONNECT or anything else fails the PE permanently.
     * v6.18+ hold the rescan lock across all of it (EEH_HANDLE_EVENT: 1010b4c012b0, v6.17); v6.18
     * and v6.19's eeh_pe_bus_get takes it again (EEH_PE_BUS_GET: the 6.18-rc3 recursion, pSeries);
     * v7.0 calls eeh_pe_bus_get_nolock there (815a8d2feb56).
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_handle_normal_event() v4.14 v5.10 v6.19 v7.0
     */
    public void eehHandleNormalEvent(PciDev dev) {
        try (var f = Task.enter("eeh_handle_normal_event")) {
            core.locked(KernelPath.EEH_HANDLE_EVENT, dev, () -> {
                if (eehPeBusGet(dev) == null) {
                    return; // "Cannot find PCI bus for PHB#%x-PE#%x"
                }
                ErsResult result = report.eehPeReport(dev, "error_detected", ErsResult.NONE);
                if (result == ErsResult.DISCONNECT) {
                    recoverFailed(dev);
                    return;
                }
                if (result == ErsResult.NONE) {
                    eehResetDevice(dev, false); // "Reset with hotplug activity"
                }
                if (result == ErsResult.CAN_RECOVER) {
                    result = report.eehPeReport(dev, "mmio_enabled", result); // after eeh_pci_enable(THAW_MMIO)
                }
                if (result == ErsResult.CAN_RECOVER) {
                    result = ErsResult.RECOVERED; // eeh_pci_enable(THAW_DMA) succeeded
                }
                if (result == ErsResult.NEED_RESET) {
                    eehResetDevice(dev, true); // "Reset without hotplug activity"
                    result = report.eehPeReport(dev, "slot_reset", ErsResult.NONE);
                }
                if (result == ErsResult.RECOVERED || result == ErsResult.NONE) {
                    report.eehPeReport(dev, "resume", ErsResult.NONE);
                    return;
                }
                recoverFailed(dev);
            });
        }
    }

    /**
     * The PE's PCI bus: the bus of its first device, looked up under the EEH_PE_BUS_GET steps (the
     * rescan lock in v6.18/v6.19, nothing in v4.14/v5.10, v7.0 and with eeh-bus-get-nolock).
     *
     * @kernel arch/powerpc/kernel/eeh_pe.c:eeh_pe_bus_get() v4.14 v5.10 v6.19 (v7.0: eeh_pe_bus_get_nolock)
     */
    public PciBus eehPeBusGet(PciDev dev) {
        try (var f = Task.enter("eeh_pe_bus_get")) {
            return core.locked(KernelPath.EEH_PE_BUS_GET, dev, () -> dev.is(DevFlag.REGISTERED) ? dev.bus() : null);
        }
    }

    /**
     * The reset: first the removals. Without an EEH-aware driver ({@code driverEehAware} false) a VF
     * PE loses its VF through {@code eeh_rmv_device} with no driver check and any other PE all of its
     * bus through {@code pci_hp_remove_devices} (EEH_HP_REMOVE: the rescan lock in v4.14/v5.10; held
     * by the caller since 1010b4c012b0); after a NEED_RESET vote {@code eeh_rmv_device} keeps
     * devices whose driver has error_detected and slot_reset. The reset itself, the restore and the
     * re-add of removed devices are not modelled.
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_reset_device() v4.14 v5.10 v6.19 v7.0
     */
    void eehResetDevice(PciDev dev, boolean driverEehAware) {
        try (var f = Task.enter("eeh_reset_device")) {
            if (driverEehAware || dev.isVirtfn()) {
                eehRmvDevice(dev, driverEehAware);
            } else {
                pciHpRemoveDevices(dev);
            }
        }
    }

    /**
     * The PE failed for good ({@code recover_failed}/{@code hard_fail}): error_detected(permanent
     * failure) to every driver, then a VF PE loses its VF ({@code eeh_rmv_device}, no driver check)
     * and any other PE its bus, looked up again through {@code eeh_pe_bus_get}.
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_handle_normal_event() v4.14 v5.10 v6.19 v7.0 (recover_failed)
     */
    private void recoverFailed(PciDev dev) {
        report.eehPeReport(dev, "error_detected(permanent failure)", ErsResult.NONE);
        if (dev.isVirtfn()) {
            eehRmvDevice(dev, false);
        } else if (eehPeBusGet(dev) != null) {
            pciHpRemoveDevices(dev);
        }
    }

    /** @kernel arch/powerpc/kernel/pci-hotplug.c:pci_hp_remove_devices() v4.14 v5.10 v6.19 v7.0 (the PE is one device) */
    private void pciHpRemoveDevices(PciDev dev) {
        try (var f = Task.enter("pci_hp_remove_devices")) {
            if (!dev.isBridge()) {
                core.locked(KernelPath.EEH_HP_REMOVE, dev, () -> core.remove().pciStopAndRemoveBusDevice(dev));
            }
        }
    }

    /**
     * Removes a device the reset cannot keep: with {@code checkDriver} (a NEED_RESET reset) a device
     * whose driver has error_detected and slot_reset stays. A VF goes through
     * {@code pci_iov_remove_virtfn(physfn, vf_index)} (EEH_RMV_VF: no rescan lock of its own);
     * anything else through {@code pci_stop_and_remove_bus_device} under the rescan lock
     * (EEH_RMV_DEV), which in v6.18+ nests in eeh_handle_normal_event's: a self-deadlock that
     * 815a8d2feb56 leaves (DERIVED; it needs a NEED_RESET vote and a driver without slot_reset).
     * Bridges and devices already gone are skipped ({@code eeh_edev_actionable}).
     *
     * @kernel arch/powerpc/kernel/eeh_driver.c:eeh_rmv_device() v4.14 v5.10 v6.19 v7.0
     */
    public void eehRmvDevice(PciDev dev, boolean checkDriver) {
        try (var f = Task.enter("eeh_rmv_device")) {
            if (dev.isBridge() || !dev.is(DevFlag.REGISTERED)) {
                return;
            }
            if (checkDriver && report.eehAware(dev)) {
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
