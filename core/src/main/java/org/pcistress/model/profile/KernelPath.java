package org.pcistress.model.profile;

/**
 * A kernel code path whose lock choices differ between versions or fixes. Each path asks the
 * {@link Profile} which {@link LockStep}s to take around its body and in what order, so "take this
 * lock here, drop that one, reorder two" is data: {@code profile.take(path, step)}.
 *
 * <p>Each constant names the kernel function whose body it brackets; the defaults per version are
 * in {@link Profiles}.
 */
public enum KernelPath {
    /** drivers/pci/probe.c:pci_device_add(): the {@code list_add_tail} onto {@code bus->devices}. */
    PCI_DEVICE_ADD,
    /** drivers/pci/remove.c:pci_destroy_dev(): the {@code list_del} of {@code dev->bus_list}. */
    PCI_DESTROY_DEV,
    /** drivers/pci/bus.c:pci_walk_bus(): the whole walk, callbacks included. */
    PCI_WALK_BUS,
    /** drivers/base/dd.c:__device_attach(): scan-time attach, around the driver match and probe. */
    DEVICE_ATTACH,
    /** drivers/base/dd.c:device_release_driver(): around {@code __device_release_driver}. */
    DEVICE_RELEASE_DRIVER,
    /** drivers/base/dd.c:__driver_attach(): driver load, per device. */
    DRIVER_ATTACH,
    /** drivers/base/dd.c:driver_detach(): driver unload, per device. */
    DRIVER_DETACH,
    /** drivers/base/bus.c:bind_store(). */
    BIND_STORE,
    /** drivers/base/bus.c:unbind_store(). */
    UNBIND_STORE,
    /** drivers/pci/iov.c:sriov_numvfs_store(): around {@code driver->sriov_configure}. */
    SRIOV_NUMVFS_STORE,
    /**
     * drivers/pci/iov.c:sriov_numvfs_store(): around the {@code driver->sriov_configure} call only
     * (a5338e365c45 "PCI/IOV: Fix race between SR-IOV enable/disable and hotplug", merged with the
     * revert 2fa119c0e5e5, takes the rescan lock here, inside device_lock(PF)).
     */
    SRIOV_CONFIGURE,
    /** drivers/pci/iov.c:sriov_enable()/sriov_disable(): around the VF Enable config write. */
    SRIOV_CONFIG_WRITE,
    /** drivers/pci/iov.c:sriov_add_vfs() (v4.14: the pci_iov_add_virtfn loop of sriov_enable). */
    SRIOV_ADD_VFS,
    /** drivers/pci/iov.c:sriov_del_vfs() (v4.14: the pci_iov_remove_virtfn loop of sriov_disable). */
    SRIOV_DEL_VFS,
    /** drivers/pci/pci-sysfs.c:remove_store() → pci_stop_and_remove_bus_device_locked(). */
    REMOVE_STORE,
    /** drivers/pci/pci-sysfs.c:rescan_store() (v4.14: bus_rescan_store and dev_rescan_store). */
    RESCAN_STORE,
    /** v4.14 aerdrv_core.c:aer_isr() (a work item) / v5.10+ aer.c:aer_isr() (a threaded IRQ). */
    AER_ISR,
    /** drivers/pci/pcie/err.c:report_error_detected() and the other report_* callbacks. */
    AER_REPORT,
    /** arch/powerpc/kernel/eeh_driver.c:eeh_handle_normal_event(): the whole recovery. */
    EEH_HANDLE_EVENT,
    /**
     * arch/powerpc/kernel/eeh_pe.c:eeh_pe_bus_get(): around the pci_dev lookup of the PE's first
     * device. v6.18/v6.19 take the rescan lock here (since 1010b4c012b0) while
     * eeh_handle_normal_event already holds it; 815a8d2feb56 adds eeh_pe_bus_get_nolock.
     */
    EEH_PE_BUS_GET,
    /** arch/powerpc/kernel/eeh_driver.c:eeh_pe_report_edev(): each report callback. */
    EEH_REPORT,
    /**
     * arch/powerpc/kernel/eeh_driver.c:eeh_pe_report_edev(): the read of {@code edev->pdev} and its
     * {@code get_device}, before device_lock (v5.10 takes and drops the rescan lock around it).
     */
    EEH_REPORT_PDEV,
    /**
     * arch/powerpc/kernel/eeh_driver.c:eeh_reset_device() and the hard-failure path: around
     * {@code pci_hp_remove_devices} of a PE that is not a VF PE (v4.14/v5.10 take the rescan lock
     * there; since 1010b4c012b0 the caller holds it).
     */
    EEH_HP_REMOVE,
    /** arch/powerpc/kernel/eeh_driver.c:eeh_rmv_device(), VF branch: pci_iov_remove_virtfn. */
    EEH_RMV_VF,
    /** arch/powerpc/kernel/eeh_driver.c:eeh_rmv_device(), other devices: pci_stop_and_remove_bus_device. */
    EEH_RMV_DEV,
    /** drivers/pci/hotplug/pciehp_pci.c:pciehp_configure_device(). */
    PCIEHP_CONFIGURE,
    /** drivers/pci/hotplug/pciehp_pci.c:pciehp_unconfigure_device(). */
    PCIEHP_UNCONFIGURE,
    /**
     * drivers/pci/pci.c:pci_dev_lock(), taken by pci_reset_function() on the device (and, since
     * v6.11, on its upstream bridge first): cfg-access then device_lock until a91ee0e9fca9
     * ("PCI: Avoid pci_dev_lock() AB/BA deadlock with sriov_numvfs_store()", v5.19), device_lock
     * then cfg-access after.
     */
    PCI_DEV_LOCK,
    /**
     * drivers/pci/hotplug/pciehp_hpc.c:pciehp_ist(): around the handling of a presence or link
     * change ({@code ctrl->reset_lock} for read, since 5b3f7b7d062b, v4.19).
     */
    PCIEHP_IST,
    /** drivers/pci/hotplug/pciehp_hpc.c:pciehp_reset_slot(): {@code ctrl->reset_lock} for write. */
    PCIEHP_RESET_SLOT,
    /**
     * drivers/pci/pci.c:pci_bridge_wait_for_secondary_bus(), after a bus reset (v6.x): the look at
     * the bridge's secondary bus list, under {@code pci_bus_sem} for read.
     */
    PCI_BRIDGE_WAIT_FOR_SECONDARY_BUS,
    /** drivers/pci/iov.c:sriov_numvfs_show(): device_lock(PF) since 35ff867b7657 (v5.5); none in v4.14. */
    SRIOV_NUMVFS_SHOW
}
