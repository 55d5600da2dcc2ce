package org.pcistress.model.pci;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.Locks;

/**
 * A PF driver that remembers its VFs' {@code pci_dev} pointers (case S12, sfc 2022): after enabling
 * SR-IOV it looks each VF up, and when it disables SR-IOV it walks its table after
 * {@code pci_disable_sriov} to tidy per-VF state. {@link #withoutReference()} drops the lookup's
 * reference and keeps the pointer, so the walk reads VFs that {@code pci_disable_sriov} has freed:
 * USE_AFTER_FREE. {@link #withReference()} keeps the reference until the walk is done and is
 * correct. The table is one field for the explorer's footprints ({@code Locks.writes} at each use).
 */
public final class VfCachingPfDriver {
    private final boolean holdsReference;
    private final List<PciDev> vfs = new ArrayList<>();

    private VfCachingPfDriver(boolean holdsReference) {
        this.holdsReference = holdsReference;
    }

    /** The buggy driver: {@code pci_dev_put} right after the lookup, the pointer kept. */
    public static PciDriver withoutReference() {
        return new VfCachingPfDriver(false).driver("sriov_pf_vfcache");
    }

    /** The correct driver: the reference is held while the pointer is cached. */
    public static PciDriver withReference() {
        return new VfCachingPfDriver(true).driver("sriov_pf_vfref");
    }

    private PciDriver driver(String name) {
        return PciDriver.builder(name).matching(DeviceRole.PF).probe(d -> 0)
                .remove(this::disable)
                .sriovConfigure(this::sriovConfigure)
                .build();
    }

    private int sriovConfigure(PciDev pf, int numVfs) {
        if (numVfs == 0) {
            disable(pf);
            return 0;
        }
        int rc = pf.core().iov().pciEnableSriov(pf, numVfs);
        if (rc < 0) {
            return rc;
        }
        synchronized (vfs) {
            Locks.writes(this, "vfs");
            for (int i = 0; i < numVfs; i++) {
                PciDev vf = pf.core().pciGetDomainBusAndSlot(pf.core().topology().vf(i));
                if (vf != null) {
                    Locks.writes(this, "vfs");
                    vfs.add(vf);
                    if (!holdsReference) {
                        pf.core().pciDevPut(vf); // the bug: the pointer outlives the reference
                    }
                }
            }
        }
        return numVfs;
    }

    private void disable(PciDev pf) {
        if (pf.numVfs() == 0) {
            return;
        }
        pf.core().iov().pciDisableSriov(pf);
        List<PciDev> cached;
        synchronized (vfs) {
            Locks.writes(this, "vfs");
            cached = new ArrayList<>(vfs);
            vfs.clear();
        }
        for (PciDev vf : cached) {
            vf.check("efx_sriov_fini"); // reads the VF's pci_dev: KASAN if it was freed
            if (holdsReference) {
                pf.core().pciDevPut(vf);
            }
        }
    }
}
