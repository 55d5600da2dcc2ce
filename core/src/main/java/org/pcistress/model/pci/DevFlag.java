package org.pcistress.model.pci;

/**
 * The one-bit states of a {@link PciDev} that kernel paths test and set without a lock ordering
 * them (the kernel keeps most in {@code pci_dev->priv_flags} and tests them with atomic bitops).
 * Read with {@link PciDev#is}, changed with {@link PciDev#set} and {@link PciDev#testAndSet}; each
 * is one field of the device for the explorer's footprints.
 */
public enum DevFlag {
    /** {@code pci_dev_is_added()}: v4.14 {@code is_added}, v5.10+ {@code PCI_DEV_ADDED}. */
    ADDED,
    /** {@code dev->kobj.parent != NULL}: between device_add and device_del; on the driver-core klist. */
    REGISTERED,
    /** v6.19's {@code PCI_DEV_REMOVED}, set once by pci_destroy_dev. */
    REMOVED,
    /**
     * powerpc: the device has an {@code eeh_dev} in a PE, so EEH can see it. Set up by the platform's
     * {@code pcibios_bus_add_device} hook (pseries/powernv {@code eeh_add_device_late}, v5.x+
     * {@code eeh_probe_device}; for a VF also its VF PE) at the start of {@code pci_bus_add_device},
     * not by {@code pci_device_add}: a VF that is only device_add'ed is invisible to EEH.
     */
    EDEV,
    /**
     * The binding gate: {@code pci_dev->match_driver} (v4.14, v5.10; cleared by {@code pci_device_add})
     * or the {@code PCI_DEV_ALLOW_BINDING} private flag (v6.18+; clear in a new pci_dev), set by
     * {@code pci_bus_add_device} just before the first attach. Until then {@code pci_bus_match}
     * matches no driver: no bind or driver load can bind a device that is only device_add'ed.
     */
    MATCH_DRIVER;

    int bit() {
        return 1 << ordinal();
    }
}
