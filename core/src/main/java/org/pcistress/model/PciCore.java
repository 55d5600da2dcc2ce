package org.pcistress.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.model.aer.AerRecovery;
import org.pcistress.model.driver.DriverCore;
import org.pcistress.model.driver.PciDriver;
import org.pcistress.model.driver.PciDriverCore;
import org.pcistress.model.eeh.EehDriver;
import org.pcistress.model.hotplug.PciehpPci;
import org.pcistress.model.probe.PciBusOps;
import org.pcistress.model.probe.PciProbe;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.remove.PciRemove;
import org.pcistress.model.sriov.PciIov;
import org.pcistress.model.sysfs.EntryPoints;

/**
 * One booted PCI core: the global locks ({@code pci_bus_sem}, {@code pci_rescan_remove_lock}),
 * the buses and their device lists, the driver-core klist of registered devices, the registered
 * drivers, and the kernel files as objects ({@link #probe()}, {@link #iov()}, …).
 *
 * <p>Harnesses use only {@link #boot}, {@link #entry()} and {@link #finish()}.
 */
public final class PciCore {
    private static final LockClass BUS_SEM = LockClass.of("pci_bus_sem");
    private static final LockClass RPC_MUTEX = LockClass.of("&rpc->rpc_mutex");

    private final Kernel kernel;
    private final Profile profile;
    private final Topology topology;
    private final RwSemaphore pciBusSem;
    private final RescanRemoveLock rescan;
    private final Mutex rpcMutex;
    private final boolean tracksLocks;
    private final Map<Integer, PciBus> buses = new ConcurrentHashMap<>();
    private final List<PciDev> klist = new ArrayList<>();
    private final List<PciDriver> drivers = new CopyOnWriteArrayList<>();
    private final DeferredAttach deferred = new DeferredAttach();
    private volatile boolean cardPresent;
    private volatile boolean booting;

    private final PciProbe probe = new PciProbe(this);
    private final PciBusOps busOps = new PciBusOps(this);
    private final PciRemove remove = new PciRemove(this);
    private final DriverCore driverCore = new DriverCore(this);
    private final PciDriverCore pciDriverCore = new PciDriverCore(this);
    private final PciIov iov = new PciIov(this);
    private final AerRecovery aer = new AerRecovery(this);
    private final EehDriver eeh = new EehDriver(this);
    private final PciehpPci pciehp = new PciehpPci(this);
    private final EntryPoints entry = new EntryPoints(this);

    private PciCore(Profile profile, Topology topology, Kernel kernel) {
        this.kernel = kernel;
        this.profile = profile;
        this.topology = topology;
        this.pciBusSem = new RwSemaphore(kernel, BUS_SEM, "pci_bus_sem");
        this.rescan = new RescanRemoveLock(kernel, profile.has(org.pcistress.model.profile.Feature.REENTRANT_RESCAN));
        this.rpcMutex = new Mutex(kernel, RPC_MUTEX, "&rpc->rpc_mutex");
        this.tracksLocks = kernel.config().detector() || kernel.config().validator();
        this.cardPresent = topology.cardPresent();
    }

    // ---- boot and finish ---------------------------------------------------------------------

    public static PciCore boot(Profile profile, Topology topology) {
        return boot(profile, topology, KernelConfig.defaults());
    }

    public static PciCore boot(Profile profile, Topology topology, KernelConfig config) {
        return boot(profile, topology, new Kernel(config));
    }

    /** Boots on a kernel whose scheduler the caller supplies (the explorer's). */
    public static PciCore boot(Profile profile, Topology topology, KernelConfig config, Scheduler scheduler) {
        return boot(profile, topology, new Kernel(config, scheduler));
    }

    /**
     * Boots on {@code kernel}: the boot-time scan, then the boot drivers' registration, then
     * {@code sriov_numvfs} for VFs at boot, all as task {@code swapper/0} on the calling thread.
     */
    public static PciCore boot(Profile profile, Topology topology, Kernel kernel) {
        PciCore core = new PciCore(profile, topology, kernel);
        core.booting = true;
        try {
            kernel.runCatching("swapper/0", core.probe::bootScan);
        } finally {
            core.booting = false;
        }
        if (topology.numVfsAtBoot() > 0) {
            core.entry.sriovNumvfsStore(topology.pf(), topology.numVfsAtBoot());
        }
        core.enableExtraVfs();
        return core;
    }

    /**
     * {@code sriov_numvfs} of every extra PF ({@link Topology#withExtraPfs}), as a udev rule would
     * write it after boot: one task each (under deferred-enumeration, each PF's VFs are waited for
     * before the next write). The PFs are taken from the bus lists, not looked up by
     * BDF one by one, so boot stays linear in the number of devices.
     */
    private void enableExtraVfs() {
        int n = topology.extra().vfsEach();
        if (n == 0 || topology.extra().pfs() == 0) {
            return;
        }
        for (int number : topology.extra().buses()) {
            PciBus bus = buses.get(number);
            for (PciDev d : bus == null ? List.<PciDev>of() : bus.entries()) {
                if (d.role() == DeviceRole.PF && !d.bdf().equals(Topology.PF) && d.numVfs() == 0) {
                    pciDevGet(d);
                    try {
                        kernel.runCatching("sriov_numvfs_store", () -> iov.sriovNumvfsStore(d, n));
                        var pending = d.enumeration();
                        if (pending != null) {
                            // deferred-enumeration: let this PF's VFs appear before the next write, as
                            // udevadm settle would; hundreds of enumerations at once only queue on pci_bus_sem
                            kernel.runCatching("udevadm", pending::flush);
                        }
                    } finally {
                        pciDevPut(d);
                    }
                }
            }
        }
    }

    /**
     * Waits for every worker to exit (within the hung-task bound), runs the integrity checks
     * (bus lists, freed devices still listed, VFs whose PF is gone) and returns the verdict.
     * Call it outside any task, after the actors returned.
     */
    public Verdict finish() {
        kernel.quiesce();
        for (PciBus bus : buses.values()) {
            String broken = bus.checkStructure();
            if (broken != null) {
                Integrity.report(kernel, ReportKind.LIST_CORRUPTION, "bus " + bus.name() + " devices list is corrupt", broken);
                continue;
            }
            for (PciDev d : bus.entries()) {
                if (d.freed()) {
                    Integrity.report(kernel, ReportKind.USE_AFTER_FREE, "freed pci_dev " + d.bdf() + " still on "
                            + bus.name(), "the last reference was dropped while the device was still on its bus list");
                } else if (d.isVirtfn() && (d.physfn().freed() || !d.physfn().bus().contains(d.physfn()))) {
                    Integrity.report(kernel, ReportKind.VF_LEAKED, "VF " + d.bdf() + " left on " + bus.name()
                            + " after its PF " + d.physfn().bdf() + " is gone", "VF leaked");
                }
            }
        }
        return new Verdict(kernel.reports());
    }

    // ---- refcounts and lookups ---------------------------------------------------------------

    /** @kernel drivers/pci/pci-driver.c:pci_dev_get() v4.14 v5.10 v6.19 */
    public PciDev pciDevGet(PciDev dev) {
        if (dev != null) {
            dev.check("pci_dev_get").refcount().incrementAndGet();
        }
        return dev;
    }

    /** @kernel drivers/pci/pci-driver.c:pci_dev_put() v4.14 v5.10 v6.19 (put_device → pci_release_dev at zero) */
    public void pciDevPut(PciDev dev) {
        if (dev == null) {
            return;
        }
        for (;;) {
            int c = dev.refcount().get();
            if (c <= 0) {
                throw Integrity.bug(kernel, ReportKind.REFCOUNT_UNDERFLOW, "refcount_t: underflow; use-after-free ("
                        + dev.bdf() + ")", "pci_dev_put of " + dev.bdf() + " with no reference left");
            }
            if (dev.refcount().compareAndSet(c, c - 1)) {
                if (c == 1) {
                    dev.markFreed(); // pci_release_dev()
                }
                return;
            }
        }
    }

    /**
     * Looks {@code bdf} up on the driver-core klist of registered devices and returns it with a
     * reference, or {@code null}. No pci_bus_sem.
     *
     * @kernel drivers/pci/search.c:pci_get_domain_bus_and_slot() v4.14 v5.10 v6.19
     */
    public PciDev pciGetDomainBusAndSlot(String bdf) {
        synchronized (klist) {
            for (PciDev d : klist) {
                if (d.bdf().equals(bdf)) {
                    d.refcount().incrementAndGet();
                    return d;
                }
            }
        }
        return null;
    }

    /** device_add's klist_add_tail: the device is registered. */
    public void klistAdd(PciDev dev) {
        synchronized (klist) {
            klist.add(dev);
        }
    }

    /** device_del's klist_del. */
    public void klistDel(PciDev dev) {
        synchronized (klist) {
            klist.remove(dev);
        }
    }

    /** A registered device by BDF, without a reference: for harness inspection only. */
    public PciDev device(String bdf) {
        synchronized (klist) {
            for (PciDev d : klist) {
                if (d.bdf().equals(bdf)) {
                    return d;
                }
            }
        }
        return null;
    }

    /** The registered devices, in registration order: for harness inspection only. */
    public List<PciDev> devices() {
        synchronized (klist) {
            return List.copyOf(klist);
        }
    }

    // ---- factories and state for the kernel paths ------------------------------------------------

    /** {@code pci_alloc_dev()} + {@code device_initialize()}: refcount 1, not on any list. */
    public PciDev allocDev(String bdf, DeviceRole role, PciBus bus, int totalVfs, PciDev physfn, int vfIndex) {
        return new PciDev(this, bdf, role, bus, totalVfs, physfn, vfIndex);
    }

    /** {@code pci_alloc_bus()}: a bus numbered {@code number} behind {@code bridge}, registered. */
    public PciBus addBus(int number, PciDev bridge) {
        PciBus b = new PciBus(this, number, bridge);
        buses.put(number, b);
        return b;
    }

    /** Unregisters a bus ({@code pci_remove_bus}'s list_del of {@code bus->node}). */
    public void removeBus(PciBus bus) {
        buses.remove(bus.number(), bus);
    }

    public PciBus bus(int number) {
        return buses.get(number);
    }

    /** Runs {@code body} inside the lock steps the profile gives {@code path}, for device {@code dev}. */
    public <T> T locked(KernelPath path, PciDev dev, Supplier<T> body) {
        return LockSteps.run(this, path, dev, body);
    }

    public void locked(KernelPath path, PciDev dev, Runnable body) {
        LockSteps.run(this, path, dev, () -> {
            body.run();
            return null;
        });
    }

    public DeferredAttach deferredAttach() {
        return deferred;
    }

    public List<PciDriver> drivers() {
        return drivers;
    }

    /** Is the card in the hotplug slot (hardware presence)? */
    public boolean cardPresent() {
        return cardPresent;
    }

    public void cardPresent(boolean b) {
        cardPresent = b;
    }

    /** During boot the model probes on the device's own node: inline, no kworker. */
    public boolean booting() {
        return booting;
    }

    public boolean tracksLocks() {
        return tracksLocks;
    }

    // ---- accessors ---------------------------------------------------------------------------

    public Kernel kernel() {
        return kernel;
    }

    public Profile profile() {
        return profile;
    }

    public Topology topology() {
        return topology;
    }

    public RwSemaphore pciBusSem() {
        return pciBusSem;
    }

    public RescanRemoveLock rescanRemoveLock() {
        return rescan;
    }

    public Mutex rpcMutex() {
        return rpcMutex;
    }

    public EntryPoints entry() {
        return entry;
    }

    public PciProbe probe() {
        return probe;
    }

    public PciBusOps busOps() {
        return busOps;
    }

    public PciRemove remove() {
        return remove;
    }

    public DriverCore driverCore() {
        return driverCore;
    }

    public PciDriverCore pciDriverCore() {
        return pciDriverCore;
    }

    public PciIov iov() {
        return iov;
    }

    public AerRecovery aer() {
        return aer;
    }

    public EehDriver eeh() {
        return eeh;
    }

    public PciehpPci pciehp() {
        return pciehp;
    }
}
