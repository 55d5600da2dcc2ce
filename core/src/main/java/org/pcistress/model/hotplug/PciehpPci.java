package org.pcistress.model.hotplug;

import static org.pcistress.model.pci.Errno.EEXIST;
import static org.pcistress.model.pci.Errno.ENODEV;

import java.util.List;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.pci.Access;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;
import org.pcistress.model.profile.LockStep;

/** drivers/pci/hotplug/pciehp_pci.c: configuring and unconfiguring the devices behind slot 1. */
public final class PciehpPci {
    /** The Linux IRQ number the model gives the root port's pciehp interrupt (any would do). */
    public static final int PCIEHP_IRQ = 25;

    private final PciCore core;

    public PciehpPci(PciCore core) {
        this.core = core;
        core.reset().pciHpRegister(this::pciehpResetSlot); // pciehp_init → pci_hp_register(&ctrl->hotplug_slot)
    }

    /**
     * The slot's {@code reset_slot} op: under {@code ctrl->reset_lock} for write (PCIEHP_RESET_SLOT,
     * v4.19+), mask presence/link events and reset the root port's secondary bus. Called by the
     * PCI core with the reset device's locks held.
     *
     * @kernel drivers/pci/hotplug/pciehp_hpc.c:pciehp_reset_slot() v4.14 v5.10 v6.19
     */
    int pciehpResetSlot() {
        try (var f = Task.enter("pciehp_reset_slot")) {
            PciDev port = core.device(Topology.ROOT_PORT);
            if (port == null) {
                return ENODEV;
            }
            return core.locked(KernelPath.PCIEHP_RESET_SLOT, null, () -> core.reset().pciBridgeSecondaryBusReset(port));
        }
    }

    /**
     * f5eff5591b8f (v6.4): "Release reset_lock during driver binding/unbinding to avoid AB-BA
     * deadlock with device_lock": the IST's read hold of {@code ctrl->reset_lock} is dropped around
     * {@code body} and taken again after. Without the feature, or when the profile's IST holds no
     * reset_lock, {@code body} runs as is.
     */
    private void withoutResetLock(Runnable body) {
        boolean drop = core.profile().has(Feature.PCIEHP_RESET_LOCK_DROPPED_FOR_BINDING)
                && core.profile().steps(KernelPath.PCIEHP_IST).contains(LockStep.RESET_LOCK_READ);
        if (!drop) {
            body.run();
            return;
        }
        Locks.upRead(core.reset().pciehpResetLock());
        try {
            body.run();
        } finally {
            Locks.downRead(core.reset().pciehpResetLock());
        }
    }

    /**
     * The task pciehp handles a presence change in: v4.14 queues it to the slot's ordered
     * workqueue, so a kworker running {@code pciehp_power_thread} (UNVERIFIED beyond the function
     * names); v5.10+ the IRQ thread {@code irq/25-pciehp} running {@code pciehp_ist}.
     */
    public String pciehpTaskName() {
        return core.profile().version() == KernelVersion.V4_14 ? core.kernel().kworkerName("pciehp_power_thread")
                : "irq/" + PCIEHP_IRQ + "-pciehp";
    }

    private PciBus slotBus() {
        PciBus root = core.bus(0);
        PciDev port = root == null ? null : core.device(Topology.ROOT_PORT);
        return port == null ? null : port.subordinate();
    }

    /**
     * Hot-add: under the rescan lock (PCIEHP_CONFIGURE), scan the slot and
     * {@code pci_bus_add_devices}: the new devices are probed with the rescan lock held (by this
     * task; the probe itself runs in a work_on_cpu kworker).
     *
     * @kernel drivers/pci/hotplug/pciehp_pci.c:pciehp_configure_device() v4.14 v5.10 v6.19
     */
    public int pciehpConfigureDevice() {
        try (var f = Task.enter("pciehp_configure_device")) {
            PciBus parent = slotBus();
            if (parent == null) {
                return ENODEV;
            }
            boolean outside = core.profile().has(Feature.DETACH_OUTSIDE_RESCAN);
            if (outside) {
                core.deferredAttach().open();
            }
            List<PciDev> toAttach = List.of();
            try {
                return core.locked(KernelPath.PCIEHP_CONFIGURE, null, () -> {
                    PciDev dev = core.probe().pciGetSlot(parent, Topology.PF);
                    if (dev != null) {
                        core.pciDevPut(dev); // "Device %s already exists at %04x:%02x:00, cannot hot-add"
                        return EEXIST;
                    }
                    if (core.probe().pciScanSlot(parent) == 0) {
                        return ENODEV; // "No new device found"
                    }
                    withoutResetLock(() -> core.busOps().pciBusAddDevices(parent));
                    return 0;
                });
            } finally {
                if (outside) {
                    toAttach = core.deferredAttach().close();
                }
                for (PciDev d : toAttach) {
                    core.driverCore().deviceAttach(d);
                }
            }
        }
    }

    /**
     * Hot-unplug: (v5.10+) mark the devices disconnected in a {@code pci_walk_bus}, then under the
     * rescan lock walk the slot bus in reverse with a safe iterator and no pci_bus_sem:
     * {@code pci_dev_get} → {@code pci_stop_and_remove_bus_device} → {@code pci_dev_put}.
     *
     * @kernel drivers/pci/hotplug/pciehp_pci.c:pciehp_unconfigure_device() v4.14 v5.10 v6.19
     */
    public void pciehpUnconfigureDevice() {
        try (var f = Task.enter("pciehp_unconfigure_device")) {
            PciBus parent = slotBus();
            if (parent == null) {
                return;
            }
            if (core.profile().version().atLeast(KernelVersion.V5_10)) {
                core.busOps().pciWalkBus(parent, d -> {
                    d.errorState("io_perm_failure"); // pci_dev_set_disconnected
                    return 0;
                });
            }
            if (core.profile().has(Feature.DETACH_OUTSIDE_RESCAN)) {
                core.remove().detachOutsideRescan(parent, null);
            }
            core.locked(KernelPath.PCIEHP_UNCONFIGURE, null, () -> {
                PciDev dev = parent.last();
                PciDev temp = dev == null ? null : prev(parent, dev);
                while (dev != null) {
                    core.pciDevGet(dev);
                    try {
                        PciDev d = dev;
                        withoutResetLock(() -> core.remove().pciStopAndRemoveBusDevice(d));
                    } finally {
                        core.pciDevPut(dev);
                    }
                    dev = temp;
                    temp = dev == null ? null : prev(parent, dev);
                }
            });
        }
    }

    private static PciDev prev(PciBus bus, PciDev pos) {
        Locks.sharedAccess(new Access("pciehp_unconfigure_device:bus_list", pos.bdf()));
        return bus.prev(pos);
    }
}
