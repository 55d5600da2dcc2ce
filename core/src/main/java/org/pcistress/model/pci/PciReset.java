package org.pcistress.model.pci;

import static org.pcistress.model.pci.Errno.ENODEV;
import static org.pcistress.model.pci.Errno.ENOTTY;

import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/**
 * drivers/pci/pci.c and pci-sysfs.c: resetting one function. {@code echo 1 > reset} calls
 * {@code pci_reset_function}, which takes {@code pci_dev_lock} (PCI_DEV_LOCK: cfg-access and
 * device_lock, in the profile's order; since v6.11 the upstream bridge's first) and runs the
 * device's reset method. The bus method of a device alone in slot 1 ends in the hotplug driver's
 * {@code reset_slot} op, which pciehp registers ({@link #pciHpRegister}); its
 * {@code ctrl->reset_lock} lives here so the lock steps of drivers/pci can take it.
 */
public final class PciReset {
    private static final LockClass RESET_LOCK = LockClass.of("&ctrl->reset_lock");

    private final PciCore core;
    private final RwSemaphore resetLock;
    private volatile IntSupplier resetSlot;

    PciReset(PciCore core, Kernel kernel) {
        this.core = core;
        this.resetLock = new RwSemaphore(kernel, RESET_LOCK, "&ctrl->reset_lock");
    }

    /**
     * {@code pci_hp_register} for slot 1: the hotplug driver's {@code reset_slot} op, called with
     * the device's locks held.
     */
    public void pciHpRegister(IntSupplier resetSlotOp) {
        Locks.writes(core.kernel(), this, "resetSlot");
        this.resetSlot = resetSlotOp;
    }

    /** Slot 1's pciehp {@code ctrl->reset_lock} (an rw_semaphore; lockdep class {@code &ctrl->reset_lock}). */
    public RwSemaphore pciehpResetLock() {
        return resetLock;
    }

    /**
     * {@code echo 1 > /sys/bus/pci/devices/<bdf>/reset}: {@code pci_reset_function(dev)} by the
     * device's first reset method {@code method}. The sysfs file holds the device for the write
     * (modelled as a reference).
     *
     * @kernel drivers/pci/pci-sysfs.c:reset_store() v4.14 v5.10 v6.19
     */
    public int resetStore(String bdf, ResetMethod method) {
        try (var f = Task.enter("reset_store")) {
            PciDev dev = core.pciGetDomainBusAndSlot(bdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                return pciResetFunction(dev, method);
            } finally {
                core.pciDevPut(dev);
            }
        }
    }

    /**
     * {@code pci_dev_lock} of the upstream bridge (v6.11+), then of the device, then the reset.
     *
     * @kernel drivers/pci/pci.c:pci_reset_function() v4.14 v5.10 v6.19
     */
    public int pciResetFunction(PciDev dev, ResetMethod method) {
        try (var f = Task.enter("pci_reset_function")) {
            PciDev bridge = core.profile().has(Feature.RESET_LOCKS_UPSTREAM_BRIDGE) ? dev.parent() : null;
            Supplier<Integer> locked = () -> pciDevLock(dev, () -> pciResetFunctionLocked(dev, method));
            return bridge == null ? locked.get() : pciDevLock(bridge, locked);
        }
    }

    /** @kernel drivers/pci/pci.c:pci_dev_lock() v4.14 v5.10 v6.19 (order: a91ee0e9fca9, v5.19) */
    private int pciDevLock(PciDev dev, Supplier<Integer> body) {
        try (var f = Task.enter("pci_dev_lock")) {
            return core.locked(KernelPath.PCI_DEV_LOCK, dev, body);
        }
    }

    /** @kernel drivers/pci/pci.c:__pci_reset_function_locked() v4.14 v5.10 v6.19 */
    private int pciResetFunctionLocked(PciDev dev, ResetMethod method) {
        try (var f = Task.enter("__pci_reset_function_locked")) {
            dev.check("__pci_reset_function_locked");
            if (method == ResetMethod.FLR) {
                try (var g = Task.enter("pcie_flr")) {
                    return 0; // config write, msleep(100), pci_dev_wait(dev): no lock
                }
            }
            return pciResetBusFunction(dev);
        }
    }

    /**
     * The slot reset if the device is alone in a hotplug slot, else the parent bus reset if it is
     * alone on its bus; both refuse a PF with VFs (DERIVED: its VFs sit on the same bus, in the
     * same slot number). The sibling checks walk {@code bus->devices} without pci_bus_sem, as the
     * kernel does. The parent bus reset of a device in slot 1 is never reached: the slot reset
     * answers first.
     *
     * @kernel drivers/pci/pci.c:pci_reset_bus_function() v5.10 v6.19 (v4.14: inline in __pci_reset_function_locked)
     */
    private int pciResetBusFunction(PciDev dev) {
        try (var f = Task.enter("pci_dev_reset_slot_function")) {
            PciBus bus = dev.bus();
            boolean inSlot = dev.parent() != null && Topology.ROOT_PORT.equals(dev.parent().bdf());
            if (dev.subordinate() != null || !inSlot || bus.entries().size() != 1) {
                return ENOTTY;
            }
            Locks.reads(core.kernel(), this, "resetSlot");
            IntSupplier op = resetSlot;
            if (op == null) {
                return ENOTTY; // no hotplug driver bound to the port
            }
            try (var g = Task.enter("pci_reset_hotplug_slot")) {
                return op.getAsInt();
            }
        }
    }

    /**
     * The secondary bus reset of {@code bridge}, then (v6.x) the wait for its secondary bus, whose
     * look at the first device takes pci_bus_sem for read (PCI_BRIDGE_WAIT_FOR_SECONDARY_BUS).
     *
     * @kernel drivers/pci/pci.c:pci_bridge_secondary_bus_reset() v5.10 v6.19
     */
    public int pciBridgeSecondaryBusReset(PciDev bridge) {
        try (var f = Task.enter("pci_bridge_secondary_bus_reset")) {
            bridge.check("pci_bridge_secondary_bus_reset");
            try (var g = Task.enter("pci_bridge_wait_for_secondary_bus")) {
                PciBus sec = bridge.subordinate();
                PciDev child = core.locked(KernelPath.PCI_BRIDGE_WAIT_FOR_SECONDARY_BUS, bridge,
                        () -> core.pciDevGet(sec == null ? null : sec.first()));
                core.pciDevPut(child); // pci_dev_wait(child): no lock
            }
            return 0;
        }
    }
}
