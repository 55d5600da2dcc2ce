package org.pcistress.model.entry;

import static org.pcistress.model.pci.Errno.EEXIST;
import static org.pcistress.model.pci.Errno.ENODEV;
import static org.pcistress.model.pci.Errno.ENOENT;

import java.util.function.IntSupplier;
import org.pcistress.kernel.locking.KernelBug;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.aer.AerRecovery;
import org.pcistress.model.eeh.EehDriver;
import org.pcistress.model.hotplug.PciehpPci;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.ResetMethod;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;

/**
 * What userspace and hardware can trigger: the only API harnesses drive the model through. Each
 * method runs one event as a new task on the calling thread (named as the kernel context that
 * runs it: {@code bind_store}, {@code eehd}, {@code irq/24-aerdrv} or v4.14's aer_isr kworker,
 * {@code irq/25-pciehp}, …; see {@link AerRecovery#aerTaskName()}) and returns
 * the kernel's result: 0, a negative errno, or {@link #KERNEL_BUG} when the task ended in a kernel
 * bug (a deadlock, a BUG). It never throws for kernel bugs: their reports stay in the kernel, and
 * {@link PciSystem#finish()} turns them into the verdict.
 */
public final class EntryPoints {
    /** The result of an event whose task ended in a kernel bug. */
    public static final int KERNEL_BUG = Integer.MIN_VALUE;

    private final PciCore core;
    private final AerRecovery aer;
    private final EehDriver eeh;
    private final PciehpPci pciehp;

    EntryPoints(PciCore core, AerRecovery aer, EehDriver eeh, PciehpPci pciehp) {
        this.core = core;
        this.aer = aer;
        this.eeh = eeh;
        this.pciehp = pciehp;
    }

    /**
     * Runs {@code body} as a new task named {@code task} on the calling thread, as every entry point
     * does: its result, or {@link #KERNEL_BUG} when the task ended in a kernel bug (whose report
     * stays in the kernel for {@link PciSystem#finish()}). For entry points written outside core.
     */
    public int runTask(String task, IntSupplier body) {
        return run(task, body);
    }

    private int run(String task, IntSupplier body) {
        try {
            return core.kernel().call(task, body::getAsInt);
        } catch (KernelBug bug) {
            return KERNEL_BUG;
        }
    }

    /** {@code echo <bdf> > /sys/bus/pci/drivers/<driver>/bind}. */
    public int bindStore(String bdf, String driver) {
        return run("bind_store", () -> {
            PciDriver drv = core.probe().registeredDriver(driver);
            return drv == null ? ENODEV : core.driverCore().bindStore(drv, bdf);
        });
    }

    /** {@code echo <bdf> > /sys/bus/pci/drivers/<its driver>/unbind}. */
    public int unbindStore(String bdf) {
        return run("unbind_store", () -> {
            PciDev dev = core.device(bdf);
            PciDriver drv = dev == null ? null : dev.driver();
            return drv == null ? ENODEV : core.driverCore().unbindStore(drv, bdf);
        });
    }

    /**
     * {@code echo 1 > /sys/bus/pci/devices/<bdf>/remove}. A VF has no such file: the hot-plug
     * attribute group ({@code remove}, {@code rescan}) is hidden by its visibility callback whenever
     * {@code is_virtfn} is set, and that is set before {@code pci_device_add} creates the sysfs
     * directory. The write fails in user space with -ENOENT and no kernel code runs (no task).
     *
     * @kernel drivers/pci/pci-sysfs.c:pci_dev_hp_attrs_are_visible() v4.14 v5.10 v6.19 v7.0
     */
    public int removeStore(String bdf) {
        PciDev dev = core.device(bdf);
        if (dev != null && dev.isVirtfn()) {
            return ENOENT;
        }
        return run("remove_store", () -> core.sysfs().removeStore(bdf));
    }

    /** {@code echo 1 > /sys/bus/pci/rescan}. */
    public int rescanStore() {
        return run("rescan_store", core.sysfs()::rescanStore);
    }

    /** {@code echo <n> > /sys/bus/pci/devices/<pf>/sriov_numvfs}. */
    public int sriovNumvfsStore(String pfBdf, int n) {
        return run("sriov_numvfs_store", () -> {
            PciDev dev = core.pciGetDomainBusAndSlot(pfBdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                return dev.isSriovCapable() ? core.iov().sriovNumvfsStore(dev, n) : ENOENT;
            } finally {
                core.pciDevPut(dev);
            }
        });
    }

    /** {@code echo 1 > /sys/bus/pci/devices/<bdf>/reset}, the device's first reset method being {@code method}. */
    public int resetStore(String bdf, ResetMethod method) {
        return run("reset_store", () -> core.reset().resetStore(bdf, method));
    }

    /** {@code cat /sys/bus/pci/devices/<pf>/sriov_numvfs}: num_VFs, or -errno. */
    public int sriovNumvfsShow(String pfBdf) {
        return run("cat", () -> {
            PciDev dev = core.pciGetDomainBusAndSlot(pfBdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                return dev.isSriovCapable() ? core.iov().sriovNumvfsShow(dev) : ENOENT;
            } finally {
                core.pciDevPut(dev);
            }
        });
    }

    /** {@code modprobe <driver>}: a module of the topology; -EEXIST if loaded. */
    public int driverLoad(String driver) {
        return run("modprobe", () -> {
            for (PciDriver d : core.topology().modules()) {
                if (d.name().equals(driver)) {
                    return core.probe().registeredDriver(driver) != null ? EEXIST
                            : core.pciDriverCore().pciRegisterDriver(d);
                }
            }
            return ENOENT;
        });
    }

    /** {@code rmmod <driver>}. */
    public int driverUnload(String driver) {
        return run("rmmod", () -> {
            PciDriver drv = core.probe().registeredDriver(driver);
            if (drv == null) {
                return ENOENT;
            }
            core.pciDriverCore().pciUnregisterDriver(drv);
            return 0;
        });
    }

    private boolean v414() {
        return core.profile().version() == KernelVersion.V4_14;
    }

    /** A non-fatal uncorrectable error reported by {@code bdf}: the AER service recovers it. */
    public int aerError(String bdf) {
        return run(aer.aerTaskName(), () -> {
            PciDev dev = core.pciGetDomainBusAndSlot(bdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                aer.aerIsr(dev);
                return 0;
            } finally {
                core.pciDevPut(dev);
            }
        });
    }

    /**
     * An EEH freeze of {@code bdf}'s PE, recovered by the eehd thread. EEH sees a device only once
     * the platform gave it an eeh_dev in a PE ({@link PciDev#edev()}, in pci_bus_add_device): for
     * a device that is only device_add'ed (a VF whose enabler has not reached pci_bus_add_device
     * yet) no freeze can be attributed to it, and the event is -ENODEV. Events are handled one at a
     * time by the one eehd kthread ({@code eeh_event_handler}).
     */
    public int eehEvent(String bdf) {
        return run("eehd", () -> eeh.eehEventHandler(() -> {
            PciDev dev = core.pciGetDomainBusAndSlot(bdf);
            if (dev == null) {
                return ENODEV;
            }
            try {
                if (!dev.is(DevFlag.EDEV)) {
                    return ENODEV; // no eeh_dev/PE yet: pcibios_bus_add_device has not run
                }
                eeh.eehHandleNormalEvent(dev);
                return 0;
            } finally {
                core.pciDevPut(dev);
            }
        }));
    }

    /** The card is pulled from {@code slot}: pciehp's presence-detect → pciehp_unconfigure_device. */
    public int hotUnplug(int slot) {
        return run(pciehp.pciehpTaskName(), () -> {
            if (slot != Topology.SLOT) {
                return ENODEV;
            }
            core.cardPresent(false);
            try (var f = Task.enter(v414() ? "pciehp_power_thread" : "pciehp_ist")) {
                core.locked(KernelPath.PCIEHP_IST, null, () -> {
                    try (var g = Task.enter("pciehp_disable_slot"); var h = Task.enter("remove_board")) {
                        pciehp.pciehpUnconfigureDevice();
                    }
                });
            }
            return 0;
        });
    }

    /** A card is inserted into {@code slot}: pciehp's presence-detect → pciehp_configure_device. */
    public int hotAdd(int slot) {
        return run(pciehp.pciehpTaskName(), () -> {
            if (slot != Topology.SLOT) {
                return ENODEV;
            }
            core.cardPresent(true);
            try (var f = Task.enter(v414() ? "pciehp_power_thread" : "pciehp_ist")) {
                return core.locked(KernelPath.PCIEHP_IST, null, () -> {
                    try (var g = Task.enter("pciehp_enable_slot"); var h = Task.enter("board_added")) {
                        return pciehp.pciehpConfigureDevice();
                    }
                });
            }
        });
    }
}
