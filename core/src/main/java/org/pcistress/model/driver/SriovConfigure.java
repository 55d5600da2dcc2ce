package org.pcistress.model.driver;

import org.pcistress.model.PciDev;

/** {@code int (*sriov_configure)(struct pci_dev *dev, int num_vfs)}: the number enabled, or -errno. */
@FunctionalInterface
public interface SriovConfigure {
    int configure(PciDev dev, int numVfs);
}
