package org.pcistress.model.pci;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.Locks;

/**
 * The driver core's klist of registered PCI devices ({@code pci_bus_type}'s
 * {@code klist_devices}): {@code device_add} puts a device on it, {@code device_del} takes it off,
 * and {@code bus_for_each_dev} / {@code bus_find_device} walk it under the klist's own spinlock, not
 * under any lock the model interleaves. The list is one field for the explorer's footprints, and
 * every method declares its read or write ({@code Locks.reads}/{@code writes}).
 */
final class DeviceKlist {
    private final Kernel kernel;
    private final List<PciDev> devices = new ArrayList<>();

    DeviceKlist(Kernel kernel) {
        this.kernel = kernel;
    }

    /** device_add's klist_add_tail. */
    synchronized void add(PciDev dev) {
        Locks.writes(kernel, this, "devices");
        devices.add(dev);
    }

    /** device_del's klist_del. */
    synchronized void del(PciDev dev) {
        Locks.writes(kernel, this, "devices");
        devices.remove(dev);
    }

    /** The registered device {@code bdf}, with a reference when {@code get} (taken under the klist lock), or {@code null}. */
    synchronized PciDev find(String bdf, boolean get) {
        Locks.reads(kernel, this, "devices");
        for (PciDev d : devices) {
            if (d.bdf().equals(bdf)) {
                if (get) {
                    d.refcount().incrementAndGet();
                }
                return d;
            }
        }
        return null;
    }

    /** The registered devices, in registration order. */
    synchronized List<PciDev> all() {
        Locks.reads(kernel, this, "devices");
        return List.copyOf(devices);
    }
}
