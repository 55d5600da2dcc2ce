package org.pcistress.model.pci;

import static org.pcistress.model.pci.Errno.EBUSY;
import static org.pcistress.model.pci.Errno.EINVAL;
import static org.pcistress.model.pci.Errno.ENODEV;
import static org.pcistress.model.pci.Errno.ENOENT;
import static org.pcistress.model.pci.Errno.ERANGE;

import java.util.List;
import org.pcistress.kernel.locking.KernelBug;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;
import org.pcistress.kernel.locking.Work;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;

/**
 * drivers/pci/iov.c: SR-IOV enable and disable, VF add and remove, sriov_numvfs. The rescan lock
 * around the VF loops is the profile's SRIOV_ADD_VFS / SRIOV_DEL_VFS steps: none in v4.14/v5.10,
 * taken in v6.18/v6.19 (05703271c3cd), none again after the revert 2fa119c0e5e5.
 */
public final class PciIov {
    private final PciCore core;

    public PciIov(PciCore core) {
        this.core = core;
    }

    /** The BDF of VF {@code id} of {@code pf}: same bus, devfn = PF devfn + offset + id (stride 1). */
    static String virtfnBdf(PciDev pf, int id) {
        String b = pf.bdf();
        int bus = Integer.parseInt(b.substring(0, 2), 16);
        int devfn = Integer.parseInt(b.substring(3, 5), 16) * 8 + Integer.parseInt(b.substring(6, 7), 16)
                + Topology.VF_OFFSET + id;
        return String.format("%02x:%02x.%x", bus, devfn / 8, devfn % 8);
    }

    /** @kernel drivers/pci/iov.c:pci_enable_sriov() v4.14 v5.10 v6.19 */
    public int pciEnableSriov(PciDev dev, int nrVirtfn) {
        try (var f = Task.enter("pci_enable_sriov")) {
            if (!dev.check("pci_enable_sriov").isSriovCapable()) {
                return ENODEV;
            }
            return sriovEnable(dev, nrVirtfn);
        }
    }

    /**
     * VF Enable under {@code pci_cfg_access_lock(PF)} (and the 100 ms settle), then the VFs are
     * enumerated synchronously: each VF is added to the PF's bus ({@code down_write}) and probed,
     * all inside the caller's context (a PF probe holds device_lock(PF)).
     *
     * @kernel drivers/pci/iov.c:sriov_enable() v4.14 v5.10 v6.19
     */
    int sriovEnable(PciDev dev, int nrVirtfn) {
        try (var f = Task.enter("sriov_enable")) {
            if (nrVirtfn == 0) {
                return 0;
            }
            if (dev.numVfs() != 0) {
                return EINVAL;
            }
            if (nrVirtfn < 0 || nrVirtfn > dev.totalVfs()) {
                return ERANGE;
            }
            core.locked(KernelPath.SRIOV_CONFIG_WRITE, dev, () ->
                    Locks.sharedAccess(new Access("sriov_enable:PCI_SRIOV_CTRL", dev.bdf())));
            if (core.profile().has(Feature.DEFERRED_VF_ENUMERATION)) {
                // fix deferred-enumeration: the VFs are enumerated later, out of this context
                dev.numVfs(nrVirtfn);
                dev.enumeration(Work.init(core.kernel(), "pci_iov_enumerate_vfs", () -> sriovAddVfs(dev, nrVirtfn)).queue());
                return 0;
            }
            int rc = sriovAddVfs(dev, nrVirtfn);
            if (rc != 0) {
                return rc;
            }
            dev.check("sriov_enable").numVfs(nrVirtfn);
            return 0;
        }
    }

    /**
     * Adds VFs 0..n-1, undoing on failure, inside the profile's SRIOV_ADD_VFS locks. v4.14 has this
     * loop inline in sriov_enable.
     *
     * @kernel drivers/pci/iov.c:sriov_add_vfs() v5.10 v6.19 (v4.14: sriov_enable() loop)
     */
    int sriovAddVfs(PciDev dev, int numVfs) {
        boolean outside = core.profile().has(Feature.DETACH_OUTSIDE_RESCAN);
        try (var f = core.profile().version() == KernelVersion.V4_14 ? null : Task.enter("sriov_add_vfs")) {
            if (outside) {
                core.deferredAttach().open();
            }
            List<PciDev> toAttach = List.of();
            try {
                return core.locked(KernelPath.SRIOV_ADD_VFS, dev, () -> {
                    for (int i = 0; i < numVfs; i++) {
                        int rc = pciIovAddVirtfn(dev, i);
                        if (rc != 0) {
                            while (i-- > 0) {
                                pciIovRemoveVirtfn(dev, i);
                            }
                            return rc;
                        }
                    }
                    return 0;
                });
            } finally {
                if (outside) {
                    toAttach = core.deferredAttach().close();
                }
                for (PciDev vf : toAttach) {
                    core.driverCore().deviceAttach(vf);
                }
            }
        }
    }

    /**
     * Allocates the VF ({@code physfn = pci_dev_get(PF)}, {@code dev.parent} = the PF's upstream
     * bridge), {@code pci_device_add}s it onto the PF's bus, then {@code pci_bus_add_device}s it
     * synchronously (VF probe under device_lock(VF), inline when the PF is being probed).
     *
     * @kernel drivers/pci/iov.c:pci_iov_add_virtfn() v4.14 v5.10 v6.19
     */
    int pciIovAddVirtfn(PciDev dev, int id) {
        try (var f = Task.enter("pci_iov_add_virtfn")) {
            dev.check("pci_iov_add_virtfn");
            PciDev virtfn = core.allocDev(virtfnBdf(dev, id), DeviceRole.VF, dev.bus(), 0, core.pciDevGet(dev), id);
            core.probe().pciDeviceAdd(virtfn, dev.bus());
            core.busOps().pciBusAddDevice(virtfn);
            return 0;
        }
    }

    /**
     * Finds VF {@code id} on the klist (a reference; no pci_bus_sem), stops and removes it, then
     * drops that reference and the VF's reference on the PF.
     *
     * @kernel drivers/pci/iov.c:pci_iov_remove_virtfn() v4.14 v5.10 v6.19
     */
    public void pciIovRemoveVirtfn(PciDev dev, int id) {
        try (var f = Task.enter("pci_iov_remove_virtfn")) {
            PciDev virtfn = core.pciGetDomainBusAndSlot(virtfnBdf(dev, id));
            if (virtfn == null) {
                return;
            }
            Locks.sharedAccess(new Access("pci_iov_remove_virtfn:virtfn", virtfn.bdf()));
            core.remove().pciStopAndRemoveBusDevice(virtfn);
            core.pciDevPut(virtfn); // balance pci_get_domain_bus_and_slot()
            core.pciDevPut(dev); // the VF's physfn reference
        }
    }

    /** @kernel drivers/pci/iov.c:pci_disable_sriov() v4.14 v5.10 v6.19 */
    public void pciDisableSriov(PciDev dev) {
        try (var f = Task.enter("pci_disable_sriov")) {
            if (dev.check("pci_disable_sriov").isSriovCapable()) {
                sriovDisable(dev);
            }
        }
    }

    /**
     * Removes the VFs, then clears VF Enable under {@code pci_cfg_access_lock(PF)} (1 s settle).
     *
     * @kernel drivers/pci/iov.c:sriov_disable() v4.14 v5.10 v6.19
     */
    void sriovDisable(PciDev dev) {
        try (var f = Task.enter("sriov_disable")) {
            if (dev.numVfs() == 0) {
                return;
            }
            Work<Integer> pending = dev.enumeration();
            if (pending != null) { // fix deferred-enumeration: let the enumeration finish first
                dev.enumeration(null);
                try (var g = Task.enter("flush_work")) {
                    pending.flush();
                } catch (KernelBug reported) {
                    // the enumeration's own failure is already reported; disabling goes on
                }
            }
            sriovDelVfs(dev);
            core.locked(KernelPath.SRIOV_CONFIG_WRITE, dev, () ->
                    Locks.sharedAccess(new Access("sriov_disable:PCI_SRIOV_CTRL", dev.bdf())));
            dev.check("sriov_disable").numVfs(0);
        }
    }

    /**
     * Removes VFs 0..num_VFs-1 inside the profile's SRIOV_DEL_VFS locks. With
     * detach-outside-rescan, the VFs' drivers are released first, outside those locks.
     *
     * @kernel drivers/pci/iov.c:sriov_del_vfs() v5.10 v6.19 (v4.14: sriov_disable() loop)
     */
    void sriovDelVfs(PciDev dev) {
        int n = dev.numVfs();
        try (var f = core.profile().version() == KernelVersion.V4_14 ? null : Task.enter("sriov_del_vfs")) {
            if (core.profile().has(Feature.DETACH_OUTSIDE_RESCAN)) {
                for (int i = 0; i < n; i++) {
                    PciDev vf = core.pciGetDomainBusAndSlot(virtfnBdf(dev, i));
                    if (vf != null) {
                        try {
                            core.driverCore().deviceReleaseDriver(vf);
                        } finally {
                            core.pciDevPut(vf);
                        }
                    }
                }
            }
            core.locked(KernelPath.SRIOV_DEL_VFS, dev, () -> {
                for (int i = 0; i < n; i++) {
                    pciIovRemoveVirtfn(dev, i);
                }
            });
        }
    }

    /**
     * sysfs {@code sriov_numvfs}: under {@code device_lock(PF)} (SRIOV_NUMVFS_STORE), calls the PF
     * driver's {@code sriov_configure} to enable {@code numVfs} or (0) disable, inside the
     * SRIOV_CONFIGURE steps: none in v4.14/v5.10/v6.18/v6.19, the rescan lock after the revert
     * (a5338e365c45), so the order there is device_lock(PF) → rescan, the reverse of remove_store's.
     *
     * @kernel drivers/pci/iov.c:sriov_numvfs_store() v5.10 v6.19 (v4.14: drivers/pci/pci-sysfs.c)
     */
    public int sriovNumvfsStore(PciDev dev, int numVfs) {
        try (var f = Task.enter("sriov_numvfs_store")) {
            if (numVfs < 0 || numVfs > dev.check("sriov_numvfs_store").totalVfs()) {
                return ERANGE;
            }
            return core.locked(KernelPath.SRIOV_NUMVFS_STORE, dev, () -> {
                if (numVfs == dev.check("sriov_numvfs_store").numVfs()) {
                    return 0;
                }
                PciDriver drv = dev.pciDriver(); // pdev->driver
                if (drv == null || drv.sriovConfigure() == null) {
                    return ENOENT;
                }
                if (numVfs != 0 && dev.numVfs() != 0) {
                    return EBUSY;
                }
                int ret = core.locked(KernelPath.SRIOV_CONFIGURE, dev, () -> {
                    Integrity.checkCallbackLocked(dev, "sriov_configure");
                    return drv.sriovConfigure().configure(dev, numVfs);
                });
                return ret < 0 ? ret : 0;
            });
        }
    }

    /**
     * {@code cat sriov_numvfs}: the PF's num_VFs, read under the SRIOV_NUMVFS_SHOW steps
     * (device_lock(PF) since 35ff867b7657, v5.5, so a read waits for an enable or disable in
     * progress; none in v4.14).
     *
     * @kernel drivers/pci/iov.c:sriov_numvfs_show() v5.10 v6.19 (v4.14: drivers/pci/pci-sysfs.c)
     */
    public int sriovNumvfsShow(PciDev dev) {
        try (var f = Task.enter("sriov_numvfs_show")) {
            return core.locked(KernelPath.SRIOV_NUMVFS_SHOW, dev, () -> dev.check("sriov_numvfs_show").numVfs());
        }
    }
}
