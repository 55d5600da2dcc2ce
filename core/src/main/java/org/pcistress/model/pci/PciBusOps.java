package org.pcistress.model.pci;

import java.util.function.ToIntFunction;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/** drivers/pci/bus.c: adding devices to the driver core and walking buses. */
public final class PciBusOps {
    private final PciCore core;

    public PciBusOps(PciCore core) {
        this.core = core;
    }

    /**
     * Makes a device visible to drivers: the platform hook ({@code pcibios_bus_add_device}: on
     * powerpc the device's eeh_dev joins its PE, {@link PciDev#edev()}), the binding gate opens
     * ({@link PciDev#matchDriver()}), {@code device_attach}
     * (device_lock(dev) → probe), then the added flag. v6.19's device_initial_probe may probe asynchronously; the model probes
     * synchronously in every version.
     *
     * @kernel drivers/pci/bus.c:pci_bus_add_device() v4.14 v5.10 v6.19
     */
    public void pciBusAddDevice(PciDev dev) {
        try (var f = Task.enter("pci_bus_add_device")) {
            try (var g = Task.enter("pcibios_bus_add_device")) {
                dev.check("pcibios_bus_add_device").set(DevFlag.EDEV, true); // powerpc: eeh_dev joins its PE
            }
            dev.set(DevFlag.MATCH_DRIVER, true); // v4.14/v5.10 match_driver = true; v6.18+ pci_dev_allow_binding
            boolean deferred = core.profile().has(Feature.DETACH_OUTSIDE_RESCAN) && core.deferredAttach().defer(dev);
            if (!deferred) {
                core.driverCore().deviceAttach(dev);
            }
            Locks.sharedAccess(new Access("pci_bus_add_device:is_added", dev.bdf()));
            dev.check("pci_bus_add_device").set(DevFlag.ADDED, true);
        }
    }

    /**
     * Adds every not-yet-added device of {@code bus}, then recurses into the buses behind added
     * bridges. Takes no lock: the caller is expected to hold the rescan lock.
     *
     * @kernel drivers/pci/bus.c:pci_bus_add_devices() v4.14 v5.10 v6.19
     */
    public void pciBusAddDevices(PciBus bus) {
        try (var f = Task.enter("pci_bus_add_devices")) {
            for (PciDev dev = bus.first(); dev != null; dev = next(bus, dev)) {
                if (!dev.is(DevFlag.ADDED)) {
                    pciBusAddDevice(dev);
                }
            }
            for (PciDev dev = bus.first(); dev != null; dev = next(bus, dev)) {
                PciBus child = dev.subordinate();
                if (dev.is(DevFlag.ADDED) && child != null) {
                    pciBusAddDevices(child);
                }
            }
        }
    }

    private static PciDev next(PciBus bus, PciDev dev) {
        Locks.sharedAccess(new Access("pci_bus_add_devices:bus_list", dev.bdf()));
        return bus.next(dev);
    }

    /**
     * Calls {@code cb} on every device below {@code top}, pre-order, with {@code pci_bus_sem}
     * read-held for the whole walk, callbacks included; stops on a nonzero return.
     *
     * @kernel drivers/pci/bus.c:pci_walk_bus() v4.14 v5.10 v6.19
     */
    public int pciWalkBus(PciBus top, ToIntFunction<PciDev> cb) {
        try (var f = Task.enter("pci_walk_bus")) {
            return core.locked(KernelPath.PCI_WALK_BUS, top.self(), () -> walk(top, cb));
        }
    }

    /**
     * As {@link #pciWalkBus} for a caller that already holds {@code pci_bus_sem}: takes nothing,
     * only asserts (a LOCKING_BUG report when not held, as lockdep_assert_held would WARN).
     *
     * @kernel drivers/pci/bus.c:pci_walk_bus_locked() v6.19 (1e560864159d, v6.8)
     */
    int pciWalkBusLocked(PciBus top, ToIntFunction<PciDev> cb) {
        try (var f = Task.enter("pci_walk_bus_locked")) {
            if (!Locks.lockdepIsHeld(core.pciBusSem())) {
                Integrity.report(core.kernel(), ReportKind.LOCKING_BUG, "lockdep_assert_held(&pci_bus_sem) failed",
                        "pci_walk_bus_locked called without pci_bus_sem");
            }
            return walk(top, cb);
        }
    }

    /** {@code __pci_walk_bus} (v6.19 shape): each device, then the bus behind it. */
    private int walk(PciBus bus, ToIntFunction<PciDev> cb) {
        for (PciDev dev = bus.first(); dev != null; dev = bus.next(dev)) {
            int ret = cb.applyAsInt(dev);
            if (ret != 0) {
                return ret;
            }
            PciBus child = dev.subordinate();
            if (child != null) {
                ret = walk(child, cb);
                if (ret != 0) {
                    return ret;
                }
            }
        }
        return 0;
    }
}
