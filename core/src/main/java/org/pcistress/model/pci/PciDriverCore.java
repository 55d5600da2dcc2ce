package org.pcistress.model.pci;

import org.pcistress.kernel.locking.Task;
import org.pcistress.kernel.locking.Work;
import org.pcistress.model.profile.KernelVersion;

/** drivers/pci/pci-driver.c: PCI's side of probe and remove, and driver (un)registration. */
public final class PciDriverCore {
    private final PciCore core;

    public PciDriverCore(PciCore core) {
        this.core = core;
    }

    /**
     * {@code driver_register} → {@code bus_add_driver}: onto the bus's driver list, then
     * {@code driver_attach} to every matching driverless device (probing each under its device_lock).
     *
     * @kernel drivers/pci/pci-driver.c:__pci_register_driver() v4.14 v5.10 v6.19
     */
    public int pciRegisterDriver(PciDriver drv) {
        try (var f = Task.enter("__pci_register_driver"); var g = Task.enter("driver_register")) {
            if (core.drivers(false).contains(drv) || core.probe().registeredDriver(drv.name()) != null) {
                return Errno.EBUSY;
            }
            core.drivers(true).add(drv);
            try (var h = Task.enter("bus_add_driver")) {
                core.driverCore().driverAttach(drv);
            }
            return 0;
        }
    }

    /**
     * {@code driver_unregister} → {@code bus_remove_driver}: off the driver list, then
     * {@code driver_detach} (each bound device released under the DRIVER_DETACH locks).
     *
     * @kernel drivers/pci/pci-driver.c:pci_unregister_driver() v4.14 v5.10 v6.19
     */
    public void pciUnregisterDriver(PciDriver drv) {
        try (var f = Task.enter("pci_unregister_driver"); var g = Task.enter("driver_unregister");
                var h = Task.enter("bus_remove_driver")) {
            // drivers/base/bus.c:bus_remove_driver (v4.14, v5.10, v6.x alike): klist_remove of the
            // driver from the bus, then driver_detach: no new device can match it during the detach.
            core.drivers(true).remove(drv);
            core.driverCore().driverDetach(drv);
        }
    }

    /**
     * The bus probe: the VF autoprobe check, a reference for the bound driver, then
     * {@code pci_call_probe}; the reference is dropped again on failure.
     *
     * <p>VF autoprobe off: v4.14 takes the reference, skips {@code __pci_device_probe} and returns
     * 0, so the driver core binds the VF ({@code dev->driver} set) although {@code .probe} never ran
     * and {@code pci_dev->driver} stays {@code NULL}; the reference is dropped at unbind. v5.10 and
     * v6.19 return -ENODEV before any reference: 76002d8b48c4 "PCI: Return error if cannot probe VF"
     * (Alex Williamson, 2019, upstream v5.3; read as its 5.2-stable backport).
     *
     * @kernel drivers/pci/pci-driver.c:pci_device_probe() v4.14 v5.10 v6.19
     */
    int pciDeviceProbe(PciDev dev, PciDriver drv) {
        try (var f = Task.enter("pci_device_probe")) {
            boolean canProbe = pciDeviceCanProbe(dev);
            if (!canProbe && core.profile().version() != KernelVersion.V4_14) {
                return Errno.ENODEV;
            }
            core.pciDevGet(dev);
            if (!canProbe) {
                return 0; // v4.14: "bound", never probed
            }
            int error = drv.probe() == null ? 0 : pciCallProbe(drv, dev);
            if (error != 0) {
                core.pciDevPut(dev);
            }
            return error;
        }
    }

    /**
     * {@code physfn->sriov->drivers_autoprobe}; v6.19 also lets a driver_override through (not modelled).
     *
     * @kernel drivers/pci/pci-driver.c:pci_device_can_probe() v4.14 v5.10 v6.19
     */
    private boolean pciDeviceCanProbe(PciDev dev) {
        return !dev.isVirtfn() || dev.physfn().driversAutoprobe();
    }

    /**
     * Runs {@code .probe} on the device's NUMA node through {@code work_on_cpu} (a kworker) while
     * this task waits, or inline when the device has no node or is a VF whose PF is being probed
     * (nested work_on_cpu would deadlock). During boot the model probes inline (boot CPU = the
     * device's node).
     *
     * @kernel drivers/pci/pci-driver.c:pci_call_probe() v4.14 v5.10 v6.19
     */
    int pciCallProbe(PciDriver drv, PciDev dev) {
        try (var f = Task.enter("pci_call_probe")) {
            dev.isProbed(true);
            try {
                if (!core.topology().numaNode() || core.booting() || pciPhysfnIsProbed(dev)) {
                    try (var g = Task.enter("local_pci_probe")) {
                        return localPciProbe(drv, dev);
                    }
                }
                return Work.workOnCpu(core.kernel(), "local_pci_probe", () -> localPciProbe(drv, dev));
            } finally {
                dev.isProbed(false);
            }
        }
    }

    /** @kernel drivers/pci/pci-driver.c:pci_physfn_is_probed() v4.14 v5.10 v6.19 */
    private static boolean pciPhysfnIsProbed(PciDev dev) {
        return dev.isVirtfn() && dev.physfn().isProbed();
    }

    /**
     * {@code pci_dev->driver = drv}, {@code .probe}, and {@code pci_dev->driver = NULL} again on failure.
     *
     * @kernel drivers/pci/pci-driver.c:local_pci_probe() v4.14 v5.10 v6.19
     */
    private int localPciProbe(PciDriver drv, PciDev dev) {
        dev.check("local_pci_probe").pciDriver(drv);
        Integrity.checkCallbackLocked(dev, "probe");
        int rc = drv.probe().applyAsInt(dev);
        if (rc < 0) {
            dev.check("local_pci_probe").pciDriver(null);
        }
        return rc > 0 ? 0 : rc;
    }

    /**
     * The bus remove: if {@code pci_dev->driver}, {@code .remove} and {@code pci_dev->driver = NULL},
     * then (v5.10+) pci_iov_remove's "driver left SR-IOV enabled" warning; then the bound driver's
     * reference is dropped (also for a v4.14 VF bound without probe).
     *
     * @kernel drivers/pci/pci-driver.c:pci_device_remove() v4.14 v5.10 v6.19
     */
    void pciDeviceRemove(PciDev dev) {
        try (var f = Task.enter("pci_device_remove")) {
            PciDriver drv = dev.check("pci_device_remove").pciDriver();
            if (drv != null && drv.remove() != null) {
                Integrity.checkCallbackLocked(dev, "remove");
                drv.remove().accept(dev);
            }
            dev.check("pci_device_remove").pciDriver(null);
            if (core.profile().version().atLeast(KernelVersion.V5_10)) {
                dev.check("pci_iov_remove"); // only a dev_warn when VFs were left enabled
            }
            core.pciDevPut(dev);
        }
    }
}
