package org.pcistress.model.pci;

import java.util.List;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.KernelPath;

/**
 * drivers/pci/probe.c (and the lookups of search.c it uses): enumeration. The hardware the scan
 * finds is the {@link Topology}: on bus 00 the root port (and optionally an endpoint), on bus 01
 * the PF when the card is present, with the topology's extra devices (on bus 01 and behind a
 * switch on the card). VFs never answer a scan; only SR-IOV enable creates them.
 */
public final class PciProbe {
    private final PciCore core;

    public PciProbe(PciCore core) {
        this.core = core;
    }

    /** Boot: scan the root bus, add its devices, then register the boot drivers (they load after enumeration). */
    void bootScan() {
        try (var f = Task.enter("pci_scan_root_bus")) {
            PciBus root = core.addBus(0, null);
            pciScanChildBus(root);
            core.busOps().pciBusAddDevices(root);
        }
        Topology t = core.topology();
        if (t.endpointDriverAtBoot()) {
            core.pciDriverCore().pciRegisterDriver(t.endpointDriver());
        }
        if (t.pfDriverAtBoot()) {
            core.pciDriverCore().pciRegisterDriver(t.pfDriver());
        }
        if (t.vfDriverAtBoot()) {
            core.pciDriverCore().pciRegisterDriver(t.vfDriver());
        }
    }

    /** @kernel drivers/pci/probe.c:pci_lock_rescan_remove() v4.14 v5.10 v6.19 */
    void pciLockRescanRemove() {
        core.rescanRemoveLock().lock();
    }

    /** @kernel drivers/pci/probe.c:pci_unlock_rescan_remove() v4.14 v5.10 v6.19 */
    void pciUnlockRescanRemove() {
        core.rescanRemoveLock().unlock();
    }

    /**
     * Scans every slot of {@code bus}, then the buses behind its bridges.
     *
     * @kernel drivers/pci/probe.c:pci_scan_child_bus() v4.14 v5.10 v6.19
     */
    int pciScanChildBus(PciBus bus) {
        try (var f = Task.enter("pci_scan_child_bus")) {
            int found = 0;
            if (bus.number() == 0) {
                if (core.topology().hasEndpoint()) {
                    found += pciScanSingleDevice(bus, Topology.ENDPOINT, DeviceRole.ENDPOINT, 0) ? 1 : 0;
                }
                found += pciScanSingleDevice(bus, Topology.ROOT_PORT, DeviceRole.BRIDGE, 0) ? 1 : 0;
                PciDev rp = pciGetSlot(bus, Topology.ROOT_PORT);
                if (rp != null) {
                    try {
                        pciScanBridge(bus, rp, 1);
                    } finally {
                        core.pciDevPut(rp);
                    }
                }
            } else {
                found += pciScanSlot(bus);
            }
            return found;
        }
    }

    /**
     * The functions on {@code bus}: on bus 01 (the hotplug slot's) the PF if the card is present,
     * then, on any bus, the {@link Topology#extra() extra devices} there and the buses behind
     * their bridges ({@code pci_scan_child_bus}'s bridge pass, or {@code pci_hp_add_bridge} for
     * pciehp). All of them are on the card: nothing behind slot 1 answers without it.
     *
     * @kernel drivers/pci/probe.c:pci_scan_slot() v4.14 v5.10 v6.19
     * @return how many new devices were added
     */
    public int pciScanSlot(PciBus bus) {
        try (var f = Task.enter("pci_scan_slot")) {
            if (!core.cardPresent()) {
                return 0;
            }
            int found = 0;
            if (bus.number() == 1) {
                found += pciScanSingleDevice(bus, Topology.PF, DeviceRole.PF, core.topology().totalVfs()) ? 1 : 0;
            }
            List<ExtraDevices.Function> extra = core.topology().extra().onBus(bus.number());
            for (ExtraDevices.Function fn : extra) {
                found += pciScanSingleDevice(bus, fn.bdf(), fn.role(), fn.totalVfs()) ? 1 : 0;
            }
            for (ExtraDevices.Function fn : extra) {
                if (fn.secondary() >= 0) {
                    PciDev bridge = pciGetSlot(bus, fn.bdf());
                    if (bridge != null) {
                        try {
                            pciScanBridge(bus, bridge, fn.secondary());
                        } finally {
                            core.pciDevPut(bridge);
                        }
                    }
                }
            }
            return found;
        }
    }

    /**
     * {@code pci_scan_bridge()}: gives a bridge its secondary bus once, then scans it.
     *
     * @kernel drivers/pci/probe.c:pci_scan_bridge() v4.14 v5.10 v6.19
     */
    private void pciScanBridge(PciBus bus, PciDev bridge, int secondary) {
        try (var f = Task.enter("pci_scan_bridge")) {
            PciBus child = bridge.subordinate();
            if (child == null) {
                child = pciAddNewBus(bus, bridge, secondary);
            }
            pciScanChildBus(child);
        }
    }

    /** @kernel drivers/pci/probe.c:pci_add_new_bus() v4.14 v5.10 v6.19 (down_write around the children list) */
    PciBus pciAddNewBus(PciBus parent, PciDev bridge, int number) {
        try (var f = Task.enter("pci_add_new_bus")) {
            Locks.downWrite(core.pciBusSem());
            try {
                PciBus child = core.addBus(number, bridge);
                bridge.subordinate(child);
                return child;
            } finally {
                Locks.upWrite(core.pciBusSem());
            }
        }
    }

    /**
     * Finds an existing device (and stops), or reads the hardware and adds a new one.
     *
     * @kernel drivers/pci/probe.c:pci_scan_single_device() v4.14 v5.10 v6.19
     * @return whether a new device was added
     */
    private boolean pciScanSingleDevice(PciBus bus, String bdf, DeviceRole role, int totalVfs) {
        try (var f = Task.enter("pci_scan_single_device")) {
            PciDev dev = pciGetSlot(bus, bdf);
            if (dev != null) {
                core.pciDevPut(dev);
                return false;
            }
            pciDeviceAdd(core.allocDev(bdf, role, bus, totalVfs, null, -1), bus);
            return true;
        }
    }

    /**
     * {@code device_initialize} (refcount 1), {@code dev->dev.parent = bus->bridge},
     * {@code down_write(pci_bus_sem)} + {@code list_add_tail} onto {@code bus->devices}, then
     * {@code device_add} (the driver-core klist). No rescan lock, no device_lock.
     *
     * @kernel drivers/pci/probe.c:pci_device_add() v4.14 v5.10 v6.19
     */
    public void pciDeviceAdd(PciDev dev, PciBus bus) {
        try (var f = Task.enter("pci_device_add")) {
            dev.parent(bus.self());
            core.locked(KernelPath.PCI_DEVICE_ADD, dev, () -> bus.listAddTail(dev));
            try (var g = Task.enter("device_add")) {
                dev.set(DevFlag.REGISTERED, true);
                core.klistAdd(dev);
            }
        }
    }

    /**
     * A device on {@code bus} by BDF, with a reference, under {@code down_read(pci_bus_sem)}.
     *
     * @kernel drivers/pci/search.c:pci_get_slot() v4.14 v5.10 v6.19
     */
    public PciDev pciGetSlot(PciBus bus, String bdf) {
        try (var f = Task.enter("pci_get_slot")) {
            Locks.downRead(core.pciBusSem());
            try {
                for (PciDev d = bus.first(); d != null; d = bus.next(d)) {
                    if (d.bdf().equals(bdf)) {
                        return core.pciDevGet(d);
                    }
                }
                return null;
            } finally {
                Locks.upRead(core.pciBusSem());
            }
        }
    }

    /**
     * Scan, then add (probe) what is new: with the caller's rescan lock held, the probes run under it.
     *
     * @kernel drivers/pci/probe.c:pci_rescan_bus() v4.14 v5.10 v6.19
     */
    int pciRescanBus(PciBus bus) {
        try (var f = Task.enter("pci_rescan_bus")) {
            int n = pciScanChildBus(bus);
            core.busOps().pciBusAddDevices(bus);
            return n;
        }
    }

    /** A driver by name among the registered ones, or {@code null}. */
    public PciDriver registeredDriver(String name) {
        for (PciDriver d : core.drivers(false)) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
