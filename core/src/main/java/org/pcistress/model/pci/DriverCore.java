package org.pcistress.model.pci;

import static org.pcistress.model.pci.Errno.EBUSY;
import static org.pcistress.model.pci.Errno.ENODEV;

import java.util.List;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;

/**
 * drivers/base/dd.c and bus.c: binding and unbinding drivers under device_lock. Which locks
 * (parent then device in v4.14, only the device in v5.10+) is the profile's choice per path.
 */
public final class DriverCore {
    private final PciCore core;

    public DriverCore(PciCore core) {
        this.core = core;
    }

    private boolean v414() {
        return core.profile().version() == KernelVersion.V4_14;
    }

    /**
     * Scan-time attach: {@code device_lock(dev)}, then the first matching registered driver's probe.
     *
     * @kernel drivers/base/dd.c:device_attach() v4.14 v5.10 (v6.19: device_initial_probe)
     * @return 1 if bound, 0 if no driver matched, or -errno
     */
    public int deviceAttach(PciDev dev) {
        try (var f = Task.enter("device_attach"); var g = Task.enter("__device_attach")) {
            return core.locked(KernelPath.DEVICE_ATTACH, dev, () -> {
                dev.check("__device_attach");
                if (dev.driver() != null) {
                    return 1;
                }
                for (PciDriver drv : core.drivers(false)) {
                    if (pciBusMatch(drv, dev)) {
                        try (var h = Task.enter("__device_attach_driver")) {
                            if (driverProbeDevice(drv, dev) == 0) {
                                return 1;
                            }
                        }
                    }
                }
                return 0;
            });
        }
    }

    /**
     * {@code really_probe}: sets {@code dev->driver}, calls the bus probe, clears it on failure.
     * The caller holds device_lock(dev).
     *
     * @kernel drivers/base/dd.c:driver_probe_device() v4.14 v5.10 v6.19
     */
    int driverProbeDevice(PciDriver drv, PciDev dev) {
        try (var f = Task.enter("driver_probe_device"); var g = Task.enter("really_probe")) {
            if (!dev.check("driver_probe_device").is(DevFlag.REGISTERED)) {
                return ENODEV;
            }
            dev.driver(drv);
            int ret = core.pciDriverCore().pciDeviceProbe(dev, drv);
            if (ret != 0) {
                dev.check("really_probe").driver(null);
            }
            return ret;
        }
    }

    /**
     * Driver load, per device: v4.14 locks the parent then the device itself; v5.10+ goes through
     * {@code device_driver_attach}, which locks only the device for PCI.
     *
     * @kernel drivers/base/dd.c:__driver_attach() v4.14 v5.10 v6.19
     */
    int driverAttachOne(PciDriver drv, PciDev dev) {
        try (var f = Task.enter("__driver_attach")) {
            if (!pciBusMatch(drv, dev)) {
                return 0;
            }
            try (var g = v414() ? null : Task.enter("device_driver_attach")) {
                core.locked(KernelPath.DRIVER_ATTACH, dev, () -> {
                    if (dev.check("__driver_attach").driver() == null) {
                        driverProbeDevice(drv, dev);
                    }
                });
            }
            return 0;
        }
    }

    /** @kernel drivers/base/dd.c:driver_attach() v4.14 v5.10 v6.19 (bus_for_each_dev, a reference per device) */
    void driverAttach(PciDriver drv) {
        try (var f = Task.enter("driver_attach")) {
            for (PciDev d : core.devices()) {
                PciDev dev = core.pciGetDomainBusAndSlot(d.bdf());
                if (dev == null) {
                    continue;
                }
                try {
                    driverAttachOne(drv, dev);
                } finally {
                    core.pciDevPut(dev);
                }
            }
        }
    }

    /**
     * Driver unload: releases every device bound to {@code drv}, last bound first, under the
     * DRIVER_DETACH locks (v4.14: parent, then device).
     *
     * @kernel drivers/base/dd.c:driver_detach() v4.14 v5.10 v6.19
     */
    void driverDetach(PciDriver drv) {
        try (var f = Task.enter("driver_detach")) {
            List<PciDev> all = core.devices();
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).driver() != drv) {
                    continue;
                }
                PciDev dev = core.pciGetDomainBusAndSlot(all.get(i).bdf());
                if (dev == null) {
                    continue;
                }
                try (var g = Task.enter("device_release_driver_internal")) {
                    core.locked(KernelPath.DRIVER_DETACH, dev, () -> {
                        if (dev.check("device_release_driver_internal").driver() == drv) {
                            deviceReleaseDriverLocked(dev);
                        }
                    });
                } finally {
                    core.pciDevPut(dev);
                }
            }
        }
    }

    /**
     * {@code device_lock(dev)} and {@code __device_release_driver}: the bus remove ({@code .remove}),
     * then {@code dev->driver = NULL}.
     *
     * @kernel drivers/base/dd.c:device_release_driver() v4.14 v5.10 v6.19
     */
    void deviceReleaseDriver(PciDev dev) {
        try (var f = Task.enter("device_release_driver")) {
            core.locked(KernelPath.DEVICE_RELEASE_DRIVER, dev, () -> deviceReleaseDriverLocked(dev));
        }
    }

    /** @kernel drivers/base/dd.c:__device_release_driver() v4.14 v5.10 v6.19 */
    void deviceReleaseDriverLocked(PciDev dev) {
        try (var f = Task.enter("__device_release_driver")) {
            dev.check("__device_release_driver");
            if (dev.driver() == null) {
                return;
            }
            core.pciDriverCore().pciDeviceRemove(dev);
            dev.check("__device_release_driver").driver(null);
        }
    }

    /**
     * sysfs {@code bind}: looks the device up (a reference), and if it is driverless and matches,
     * probes it under the BIND_STORE locks (v4.14: parent then device; v5.10+: device_driver_attach,
     * the device only).
     *
     * @kernel drivers/base/bus.c:bind_store() v4.14 v5.10 v6.19
     */
    public int bindStore(PciDriver drv, String bdf) {
        try (var f = Task.enter("bind_store")) {
            PciDev dev = core.pciGetDomainBusAndSlot(bdf); // bus_find_device_by_name
            if (dev == null) {
                return ENODEV;
            }
            try {
                if (dev.driver() != null || !pciBusMatch(drv, dev)) {
                    return ENODEV;
                }
                try (var g = v414() ? null : Task.enter("device_driver_attach")) {
                    return core.locked(KernelPath.BIND_STORE, dev, () ->
                            dev.check("bind_store").driver() != null ? EBUSY : driverProbeDevice(drv, dev));
                }
            } finally {
                core.pciDevPut(dev);
            }
        }
    }

    /**
     * sysfs {@code unbind} of driver {@code drv}: if the device is bound to it, releases it under the
     * UNBIND_STORE locks (v4.14: parent then device; v5.10+: device_driver_detach, the device only).
     *
     * @kernel drivers/base/bus.c:unbind_store() v4.14 v5.10 v6.19
     */
    public int unbindStore(PciDriver drv, String bdf) {
        try (var f = Task.enter("unbind_store")) {
            PciDev dev = core.pciGetDomainBusAndSlot(bdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                if (dev.driver() != drv) {
                    return ENODEV;
                }
                try (var g = Task.enter(v414() ? "device_release_driver" : "device_driver_detach")) {
                    core.locked(KernelPath.UNBIND_STORE, dev, () -> {
                        if (dev.check("unbind_store").driver() == drv) {
                            deviceReleaseDriverLocked(dev);
                        }
                    });
                }
                return 0;
            } finally {
                core.pciDevPut(dev);
            }
        }
    }

    /**
     * {@code driver_match_device} → {@code pci_bus_match}: no driver matches a device whose binding
     * gate is still closed (between {@code pci_device_add} and {@code pci_bus_add_device}), else the
     * driver's id table (here: its device role). Read without a lock, as in the kernel.
     *
     * @kernel drivers/pci/pci-driver.c:pci_bus_match() v4.14 v5.10 v6.19 v7.0
     */
    static boolean pciBusMatch(PciDriver drv, PciDev dev) {
        return dev.is(DevFlag.MATCH_DRIVER) && drv.matches(dev);
    }
}
