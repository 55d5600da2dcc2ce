package org.pcistress.model.pci;


/** {@code int (*sriov_configure)(struct pci_dev *dev, int num_vfs)}: the number enabled, or -errno. */
@FunctionalInterface
public interface SriovConfigure {
    int configure(PciDev dev, int numVfs);
}
