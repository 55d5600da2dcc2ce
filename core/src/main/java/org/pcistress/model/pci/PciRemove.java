package org.pcistress.model.pci;

import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/**
 * drivers/pci/remove.c: stopping (driver release) and removing (list_del, put) devices.
 *
 * <p>v4.14/v5.10 guard against a second removal with a check and a later, separate clear: the
 * added flag in {@code pci_stop_dev}, {@code kobj.parent} in {@code pci_destroy_dev}. The model puts
 * a scheduling point between check and clear so two racing removals can both pass. v6.19 uses
 * atomic test-and-clear / test-and-set ({@link Feature#ATOMIC_REMOVAL_FLAGS}).
 */
public final class PciRemove {
    private final PciCore core;

    public PciRemove(PciCore core) {
        this.core = core;
    }

    /**
     * Fix detach-outside-rescan: releases the drivers of the devices on {@code bus} (all of them,
     * last first) and then of {@code dev} (if any), before the caller takes the rescan lock. The
     * devices are collected with references under pci_bus_sem, which is dropped before any release.
     */
    public void detachOutsideRescan(PciBus bus, PciDev dev) {
        try (var f = Task.enter("pci_detach_drivers")) {
            java.util.List<PciDev> refs = new java.util.ArrayList<>();
            if (bus != null) {
                core.busOps().pciWalkBus(bus, d -> {
                    refs.add(core.pciDevGet(d));
                    return 0;
                });
            }
            if (dev != null) {
                refs.add(core.pciDevGet(dev));
            }
            for (int i = refs.size() - 1; i >= 0; i--) {
                try {
                    core.driverCore().deviceReleaseDriver(refs.get(i));
                } finally {
                    core.pciDevPut(refs.get(i));
                }
            }
        }
    }

    /**
     * Stop, then remove. Takes no lock; callers are expected to hold the rescan lock, which v6.18
     * and v6.19 assert ({@link Feature#RESCAN_LOCKDEP_ASSERT}: a LOCKING_BUG report when the
     * calling task does not hold it, and the removal goes on, as after lockdep's WARN).
     *
     * @kernel drivers/pci/remove.c:pci_stop_and_remove_bus_device() v4.14 v5.10 v6.19
     */
    public void pciStopAndRemoveBusDevice(PciDev dev) {
        try (var f = Task.enter("pci_stop_and_remove_bus_device")) {
            if (core.profile().has(Feature.RESCAN_LOCKDEP_ASSERT) && !Locks.lockdepIsHeld(core.rescanRemoveLock().mutex())) {
                Integrity.report(core.kernel(), ReportKind.LOCKING_BUG,
                        "WARNING: lockdep_assert_held(&pci_rescan_remove_lock) in pci_stop_and_remove_bus_device",
                        "removal of " + dev.bdf() + " by a task that does not hold pci_rescan_remove_lock");
            }
            pciStopBusDevice(dev);
            pciRemoveBusDevice(dev);
        }
    }

    /**
     * {@link #pciStopAndRemoveBusDevice} inside the rescan lock (the REMOVE_STORE steps).
     *
     * @kernel drivers/pci/remove.c:pci_stop_and_remove_bus_device_locked() v4.14 v5.10 v6.19
     */
    void pciStopAndRemoveBusDeviceLocked(PciDev dev) {
        try (var f = Task.enter("pci_stop_and_remove_bus_device_locked")) {
            core.locked(KernelPath.REMOVE_STORE, dev, () -> pciStopAndRemoveBusDevice(dev));
        }
    }

    /**
     * Stops the devices behind a bridge in reverse with a "safe" walk and no {@code pci_bus_sem}
     * (stopping a PF removes its VFs from the same list), then the device itself.
     *
     * @kernel drivers/pci/remove.c:pci_stop_bus_device() v4.14 v5.10 v6.19
     */
    void pciStopBusDevice(PciDev dev) {
        try (var f = Task.enter("pci_stop_bus_device")) {
            dev.check("pci_stop_bus_device");
            PciBus bus = dev.subordinate();
            if (bus != null) {
                PciDev child = bus.last();
                PciDev tmp = child == null ? null : prev(bus, child);
                while (child != null) {
                    pciStopBusDevice(child);
                    child = tmp;
                    tmp = child == null ? null : prev(bus, child);
                }
            }
            pciStopDev(dev);
        }
    }

    private static PciDev prev(PciBus bus, PciDev pos) {
        Locks.sharedAccess(new Access("pci_stop_bus_device:bus_list", pos.bdf()));
        return bus.prev(pos);
    }

    /**
     * If the device is added: release its driver (device_lock, {@code .remove}), tear down its
     * proc/sysfs files, clear the added flag.
     *
     * @kernel drivers/pci/remove.c:pci_stop_dev() v4.14 v5.10 v6.19
     */
    void pciStopDev(PciDev dev) {
        try (var f = Task.enter("pci_stop_dev")) {
            dev.check("pci_stop_dev");
            if (core.profile().has(Feature.ATOMIC_REMOVAL_FLAGS)) {
                if (dev.testAndSet(DevFlag.ADDED, false)) { // pci_dev_test_and_clear_added()
                    core.driverCore().deviceReleaseDriver(dev);
                    teardown(dev);
                }
                return;
            }
            Locks.sharedAccess(new Access("pci_stop_dev:is_added", dev.bdf()));
            if (dev.is(DevFlag.ADDED)) {
                core.driverCore().deviceReleaseDriver(dev);
                teardown(dev);
                Locks.sharedAccess(new Access("pci_stop_dev:is_added", dev.bdf()));
                dev.check("pci_stop_dev").set(DevFlag.ADDED, false);
            }
        }
    }

    /** pci_proc_detach_device + pci_remove_sysfs_dev_files: a second run is a double removal. */
    private void teardown(PciDev dev) {
        try (var f = Task.enter("pci_remove_sysfs_dev_files")) {
            dev.check("pci_remove_sysfs_dev_files");
            if (dev.stops().incrementAndGet() > 1) {
                throw Integrity.bug(core.kernel(), ReportKind.DOUBLE_REMOVE, "device " + dev.bdf() + " stopped twice",
                        "kernfs: can not remove 'config', no directory: two removal paths both passed the is_added check of "
                                + dev.bdf());
            }
        }
    }

    /**
     * Removes the devices behind a bridge (forward safe walk), the bus itself, then the device.
     *
     * @kernel drivers/pci/remove.c:pci_remove_bus_device() v4.14 v5.10 v6.19
     */
    void pciRemoveBusDevice(PciDev dev) {
        try (var f = Task.enter("pci_remove_bus_device")) {
            dev.check("pci_remove_bus_device");
            PciBus bus = dev.subordinate();
            if (bus != null) {
                PciDev child = bus.first();
                PciDev tmp = child == null ? null : bus.next(child);
                while (child != null) {
                    pciRemoveBusDevice(child);
                    child = tmp;
                    tmp = child == null ? null : bus.next(child);
                }
                pciRemoveBus(bus);
                dev.subordinate(null);
            }
            pciDestroyDev(dev);
        }
    }

    /** @kernel drivers/pci/remove.c:pci_remove_bus() v4.14 v5.10 v6.19 (down_write to unlink the bus) */
    void pciRemoveBus(PciBus bus) {
        try (var f = Task.enter("pci_remove_bus")) {
            Locks.downWrite(core.pciBusSem());
            try {
                core.removeBus(bus);
            } finally {
                Locks.upWrite(core.pciBusSem());
            }
        }
    }

    /**
     * {@code device_del}, then {@code down_write(pci_bus_sem)} + {@code list_del(&dev->bus_list)},
     * then {@code put_device} of the list's reference.
     *
     * @kernel drivers/pci/remove.c:pci_destroy_dev() v4.14 v5.10 v6.19
     */
    void pciDestroyDev(PciDev dev) {
        try (var f = Task.enter("pci_destroy_dev")) {
            dev.check("pci_destroy_dev");
            if (core.profile().has(Feature.ATOMIC_REMOVAL_FLAGS)) {
                if (dev.testAndSet(DevFlag.REMOVED, true)) { // pci_dev_test_and_set_removed()
                    return;
                }
            } else {
                Locks.sharedAccess(new Access("pci_destroy_dev:kobj.parent", dev.bdf()));
                if (!dev.is(DevFlag.REGISTERED)) {
                    return;
                }
            }
            deviceDel(dev);
            core.locked(KernelPath.PCI_DESTROY_DEV, dev, () -> dev.bus().listDel(dev));
            core.pciDevPut(dev); // put_device(): the reference device_initialize gave the list
        }
    }

    /**
     * The device leaves sysfs and the bus: {@code bus_remove_device} takes it off the bus's klist
     * (lookups fail from here) and calls {@code device_release_driver}, which takes device_lock and
     * unbinds a driver that bound after {@code pci_stop_dev} released the last one (a sysfs bind or
     * driver load in the window between stop and destroy). Usually there is none and the lock is
     * only taken and dropped.
     *
     * @kernel drivers/base/core.c:device_del() v4.14 v5.10 v6.19 (bus_remove_device; kobj.parent = NULL)
     * @kernel drivers/base/bus.c:bus_remove_device() v4.14 v5.10 v6.19 (klist_del, device_release_driver)
     */
    private void deviceDel(PciDev dev) {
        try (var f = Task.enter("device_del")) {
            if (dev.deletes().incrementAndGet() > 1) {
                throw Integrity.bug(core.kernel(), ReportKind.DOUBLE_REMOVE, "device " + dev.bdf() + " deleted twice",
                        "device_del of " + dev.bdf() + " a second time (klist_put oops in the kernel): two removal "
                                + "paths both passed pci_destroy_dev's kobj.parent check");
            }
            dev.set(DevFlag.REGISTERED, false);
            try (var g = Task.enter("bus_remove_device")) {
                core.klistDel(dev);
                core.driverCore().deviceReleaseDriver(dev);
            }
        }
    }
}
