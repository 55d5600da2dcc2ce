package org.pcistress.model.profile;

/**
 * One lock a {@link KernelPath} may take around its body. A path's steps are taken in list order
 * and released in reverse, in finally blocks. A step that does not apply to the device (the
 * parent of a device without one, the PF of a device that is not a VF) is skipped, as the kernel's
 * {@code if (dev->parent)} does.
 */
public enum LockStep {
    /** {@code pci_lock_rescan_remove()}: the global {@code pci_rescan_remove_lock} (drivers/pci/probe.c). */
    RESCAN_REMOVE,
    /** {@code device_lock(dev)}. */
    DEVICE_LOCK_SELF,
    /** {@code device_lock(dev->parent)}: for a PF or VF, the upstream bridge. */
    DEVICE_LOCK_PARENT,
    /** {@code device_lock(&dev->physfn->dev)}: the PF of a VF. */
    DEVICE_LOCK_PF,
    /** {@code down_read(&pci_bus_sem)}. */
    BUS_SEM_READ,
    /** {@code down_write(&pci_bus_sem)}. */
    BUS_SEM_WRITE,
    /** {@code pci_cfg_access_lock(dev)} (drivers/pci/access.c). */
    CFG_ACCESS_SELF,
    /** v4.14 {@code rpc->rpc_mutex} of the AER root port service (drivers/pci/pcie/aer/aerdrv_core.c). */
    RPC_MUTEX,
    /** {@code down_read(&ctrl->reset_lock)} of slot 1's pciehp controller (drivers/pci/hotplug/pciehp_hpc.c). */
    RESET_LOCK_READ,
    /** {@code down_write(&ctrl->reset_lock)} of slot 1's pciehp controller. */
    RESET_LOCK_WRITE
}
