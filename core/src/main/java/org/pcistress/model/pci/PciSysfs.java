package org.pcistress.model.pci;

import static org.pcistress.model.pci.Errno.ENODEV;

import java.util.List;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;

/** drivers/pci/pci-sysfs.c: the {@code remove} and {@code rescan} attributes. */
public final class PciSysfs {
    private final PciCore core;

    public PciSysfs(PciCore core) {
        this.core = core;
    }

    /**
     * {@code echo 1 > /sys/bus/pci/devices/…/remove}: {@code pci_stop_and_remove_bus_device_locked}:
     * rescan lock (REMOVE_STORE) → stop (device_lock, {@code .remove}) → remove. The sysfs file holds
     * the device alive for the write (modelled as a reference). With {@code reentrant-rescan}
     * (REMOVE_STORE_RELEASE_FIRST) the driver is released first, outside the rescan lock.
     *
     * @kernel drivers/pci/pci-sysfs.c:remove_store() v4.14 v5.10 v6.19 v7.0
     */
    public int removeStore(String bdf) {
        try (var f = Task.enter("remove_store")) {
            PciDev dev = core.pciGetDomainBusAndSlot(bdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                if (core.profile().has(Feature.DETACH_OUTSIDE_RESCAN)) {
                    core.remove().detachOutsideRescan(dev.subordinate(), dev);
                }
                if (core.profile().has(Feature.REMOVE_STORE_RELEASE_FIRST)) {
                    // reentrant-rescan patch 2/2: kill_device, then device_release_driver, before
                    // pci_stop_and_remove_bus_device_locked takes the rescan lock (kill_device is not
                    // modelled: a bind in between is undone by device_del, MODEL.md)
                    core.driverCore().deviceReleaseDriver(dev);
                }
                core.remove().pciStopAndRemoveBusDeviceLocked(dev);
                return 0;
            } finally {
                core.pciDevPut(dev);
            }
        }
    }

    /**
     * {@code echo 1 > /sys/bus/pci/rescan}: under the rescan lock (RESCAN_STORE),
     * {@code pci_rescan_bus} of every root bus: new devices are probed with the lock held.
     *
     * @kernel drivers/pci/pci-sysfs.c:rescan_store() v5.10 v6.19 v7.0 (v4.14: bus_rescan_store)
     */
    public int rescanStore() {
        try (var f = Task.enter(core.profile().version() == KernelVersion.V4_14 ? "bus_rescan_store" : "rescan_store")) {
            boolean outside = core.profile().has(Feature.DETACH_OUTSIDE_RESCAN);
            if (outside) {
                core.deferredAttach().open();
            }
            List<PciDev> toAttach = List.of();
            try {
                core.locked(KernelPath.RESCAN_STORE, null, () -> {
                    PciBus root = core.bus(0); // pci_find_next_bus over pci_root_buses
                    if (root != null) {
                        core.probe().pciRescanBus(root);
                    }
                });
            } finally {
                if (outside) {
                    toAttach = core.deferredAttach().close();
                }
                for (PciDev d : toAttach) {
                    core.driverCore().deviceAttach(d);
                }
            }
            return 0;
        }
    }
}
