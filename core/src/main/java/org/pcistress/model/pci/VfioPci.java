package org.pcistress.model.pci;

import org.pcistress.kernel.locking.Completion;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;

/**
 * A vfio-pci-like PF driver whose device a userspace driver (SPDK, DPDK) holds open (case S9, SPDK
 * issue 3205, 2023). Its {@code .remove} ({@code vfio_pci_remove} → {@code vfio_unregister_group_dev})
 * drops the registration and then waits on {@code vfio_device->comp} until the last user closes
 * the device file, asking userspace every 10 s to release it: an unbounded wait for a userspace
 * task, under the device_lock the driver core holds around {@code .remove}. If that userspace task
 * is itself waiting for the device_lock, as {@code cat sriov_numvfs} does since 35ff867b7657, the
 * two wait for each other through a completion, not through a lock. The wait-for detector follows
 * the completion to the task that owes it ({@link #userspaceStarts}), so the hang is reported with
 * its cycle.
 *
 * <p>One device (the PF) is modelled; {@code sriov_configure} enables and disables VFs as
 * {@code vfio_pci_sriov_configure} does. {@code open} is shared by the remover and the userspace
 * task: each use declares its read or write ({@code Locks.reads}/{@code writes}). {@code comp} is
 * created by whichever task asks first; every task gets the same completion, so who created it is
 * invisible and it is not a field for the footprints.
 */
public final class VfioPci {
    private volatile boolean open;
    private volatile Completion comp;

    /** The driver, named {@code vfio-pci}, binding to the PF. */
    public PciDriver driver() {
        return PciDriver.builder("vfio-pci").matching(DeviceRole.PF)
                .probe(d -> 0)
                .remove(this::vfioPciRemove)
                .sriovConfigure(Drivers::sriovConfigure)
                .build();
    }

    /** Userspace opened the device (before the scenario: the open file is part of the boot state). */
    public void opened() {
        Locks.writes(this, "open");
        open = true;
    }

    private Completion comp(PciDev dev) {
        Completion c = comp;
        if (c == null) {
            synchronized (this) {
                if (comp == null) {
                    comp = new Completion(dev.core().kernel(), "vfio_device->comp");
                }
                c = comp;
            }
        }
        return c;
    }

    /**
     * The userspace process holding the device file starts running as the calling task: it is the
     * one that will {@code complete()} the device's completion when it closes the file.
     */
    public void userspaceStarts(PciDev dev) {
        comp(dev).expect(Task.current());
    }

    /**
     * {@code close(fd)}: {@code vfio_device_fops_release} → the last registration reference is put
     * → {@code complete(&device->comp)}.
     *
     * @kernel drivers/vfio/vfio_main.c:vfio_device_put_registration() v6.19 (v5.10: vfio.c:vfio_device_put)
     */
    public void release(PciDev dev) {
        try (var f = Task.enter("vfio_device_fops_release")) {
            Locks.writes(this, "open");
            if (open) {
                open = false;
                Locks.complete(comp(dev));
            }
        }
    }

    /** @kernel drivers/vfio/vfio_main.c:vfio_unregister_group_dev() v6.19 (v5.10: vfio.c:vfio_del_group_dev) */
    private void vfioPciRemove(PciDev dev) {
        try (var f = Task.enter("vfio_pci_remove"); var g = Task.enter("vfio_unregister_group_dev")) {
            Locks.reads(this, "open");
            if (open) {
                Locks.waitForCompletion(comp(dev)); // re-armed every 10 s with a request to userspace: unbounded
            }
            if (dev.numVfs() > 0) {
                dev.core().iov().pciDisableSriov(dev);
            }
        }
    }
}
