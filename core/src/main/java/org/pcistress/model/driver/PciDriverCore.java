package org.pcistress.model.driver;

import org.pcistress.kernel.locking.Task;
import org.pcistress.kernel.locking.Work;
import org.pcistress.model.Integrity;
import org.pcistress.model.PciCore;
import org.pcistress.model.PciDev;
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
            if (core.drivers().contains(drv) || core.probe().registeredDriver(drv.name()) != null) {
                return DriverCore.EBUSY;
            }
            core.drivers().add(drv);
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
        try (var f = Task.enter("pci_unregister_driver"); var g = Task.enter("bus_remove_driver")) {
            core.drivers().remove(drv);
            core.driverCore().driverDetach(drv);
        }
    }

    /**
     * The bus probe: a reference for the bound driver, the VF autoprobe check, then
     * {@code pci_call_probe}; the reference is dropped again on failure.
     *
     * @kernel drivers/pci/pci-driver.c:pci_device_probe() v4.14 v5.10 v6.19
     */
    public int pciDeviceProbe(PciDev dev, PciDriver drv) {
        try (var f = Task.enter("pci_device_probe")) {
            if (!pciDeviceCanProbe(dev)) {
                return DriverCore.ENODEV; // v4.14 returned 0 without probing; see MODEL.md
            }
            core.pciDevGet(dev);
            int error = drv.probe() == null ? 0 : pciCallProbe(drv, dev);
            if (error != 0) {
                core.pciDevPut(dev);
            }
            return error;
        }
    }

    /** @kernel drivers/pci/pci-driver.c:pci_device_can_probe() v5.10 v6.19 (physfn->sriov->drivers_autoprobe) */
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
    public int pciCallProbe(PciDriver drv, PciDev dev) {
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

    /** @kernel drivers/pci/pci-driver.c:local_pci_probe() v4.14 v5.10 v6.19 */
    private int localPciProbe(PciDriver drv, PciDev dev) {
        dev.check("local_pci_probe");
        Integrity.checkCallbackLocked(dev, "probe");
        int rc = drv.probe().applyAsInt(dev);
        return rc > 0 ? 0 : rc;
    }

    /**
     * The bus remove: {@code .remove}, then (v5.10+) pci_iov_remove's "driver left SR-IOV enabled"
     * warning, then the bound driver's reference is dropped.
     *
     * @kernel drivers/pci/pci-driver.c:pci_device_remove() v4.14 v5.10 v6.19
     */
    public void pciDeviceRemove(PciDev dev) {
        try (var f = Task.enter("pci_device_remove")) {
            PciDriver drv = dev.check("pci_device_remove").driver();
            if (drv != null && drv.remove() != null) {
                Integrity.checkCallbackLocked(dev, "remove");
                drv.remove().accept(dev);
            }
            if (core.profile().version().atLeast(KernelVersion.V5_10)) {
                dev.check("pci_iov_remove"); // only a dev_warn when VFs were left enabled
            }
            core.pciDevPut(dev);
        }
    }
}
