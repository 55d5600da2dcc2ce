package org.pcistress.model.pci;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.LockClass;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.UserPath;

/**
 * One booted PCI core: the global locks ({@code pci_bus_sem}, {@code pci_rescan_remove_lock}),
 * the buses and their device lists, the driver-core klist of registered devices, the registered
 * drivers, and the drivers/pci kernel files as objects ({@link #probe()}, {@link #iov()}, …).
 * It builds nothing above drivers/pci: AER, EEH, pciehp and the entry points are built by
 * {@code org.pcistress.model.entry.PciSystem}, which is what a harness holds.
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
    private final DeviceKlist klist;
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
    private final PciSysfs sysfs = new PciSysfs(this);
    private final PciReset reset;

    private PciCore(Profile profile, Topology topology, Kernel kernel) {
        this.kernel = kernel;
        this.klist = new DeviceKlist(kernel);
        this.profile = profile;
        this.topology = topology;
        this.pciBusSem = new RwSemaphore(kernel, BUS_SEM, "pci_bus_sem");
        this.rescan = new RescanRemoveLock(kernel, profile.has(Feature.REENTRANT_RESCAN));
        this.rpcMutex = new Mutex(kernel, RPC_MUTEX, "&rpc->rpc_mutex");
        this.tracksLocks = kernel.config().detector() || kernel.config().validator();
        this.cardPresent = topology.cardPresent();
        this.reset = new PciReset(this, kernel);
    }

    /**
     * A PCI core on {@code kernel} after the boot-time scan (as task {@code swapper/0} on the
     * calling thread; the boot drivers bind inline). {@code org.pcistress.model.entry.PciSystem}
     * boots through it and then writes the boot-time {@code sriov_numvfs}.
     */
    public static PciCore scanAtBoot(Profile profile, Topology topology, Kernel kernel) {
        PciCore core = new PciCore(profile, topology, kernel);
        Locks.writes(kernel, core, "booting"); // before any explored task: recorded nowhere
        core.booting = true;
        try {
            kernel.runCatching("swapper/0", core.probe::bootScan);
        } finally {
            Locks.writes(kernel, core, "booting");
            core.booting = false;
        }
        return core;
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
        return klist.find(bdf, true);
    }

    /** device_add's klist_add_tail: the device is registered. */
    void klistAdd(PciDev dev) {
        klist.add(dev);
    }

    /** device_del's klist_del. */
    void klistDel(PciDev dev) {
        klist.del(dev);
    }

    /** A registered device by BDF, without a reference ({@code bus_find_device} then put, or a harness). */
    public PciDev device(String bdf) {
        return klist.find(bdf, false);
    }

    /** The registered devices, in registration order ({@code bus_for_each_dev}, or a harness). */
    public List<PciDev> devices() {
        return klist.all();
    }

    // ---- factories and state for the kernel paths ------------------------------------------------

    /** {@code pci_alloc_dev()} + {@code device_initialize()}: refcount 1, not on any list. */
    public PciDev allocDev(String bdf, DeviceRole role, PciBus bus, int totalVfs, PciDev physfn, int vfIndex) {
        return new PciDev(this, bdf, role, bus, totalVfs, physfn, vfIndex);
    }

    /** {@code pci_alloc_bus()}: a bus numbered {@code number} behind {@code bridge}, registered. */
    PciBus addBus(int number, PciDev bridge) {
        PciBus b = new PciBus(this, number, bridge);
        Locks.writes(kernel, this, "buses");
        buses.put(number, b);
        return b;
    }

    /** Unregisters a bus ({@code pci_remove_bus}'s list_del of {@code bus->node}). */
    void removeBus(PciBus bus) {
        Locks.writes(kernel, this, "buses");
        buses.remove(bus.number(), bus);
    }

    public PciBus bus(int number) {
        Locks.reads(kernel, this, "buses");
        return buses.get(number);
    }

    /** Runs {@code body} inside the lock steps the profile gives {@code path}, for device {@code dev}. */
    public <T> T locked(KernelPath path, PciDev dev, Supplier<T> body) {
        return LockSteps.run(this, path, dev, body);
    }

    /** Runs {@code body} inside the lock steps the profile gives a user's {@code path}, for device {@code dev}. */
    public <T> T locked(UserPath path, PciDev dev, Supplier<T> body) {
        return LockSteps.run(this, profile.steps(path), dev, body);
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

    /** The registered drivers, to walk ({@code bus_for_each_drv}); {@code update}: to register or unregister one. */
    List<PciDriver> drivers(boolean update) {
        if (update) {
            Locks.writes(kernel, this, "drivers");
        } else {
            Locks.reads(kernel, this, "drivers");
        }
        return drivers;
    }

    /** Is the card in the hotplug slot (hardware presence)? */
    public boolean cardPresent() {
        Locks.reads(kernel, this, "cardPresent");
        return cardPresent;
    }

    public void cardPresent(boolean b) {
        Locks.writes(kernel, this, "cardPresent");
        cardPresent = b;
    }

    /** During boot the model probes on the device's own node: inline, no kworker. */
    boolean booting() {
        Locks.reads(kernel, this, "booting");
        return booting;
    }

    boolean tracksLocks() {
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

    RwSemaphore pciBusSem() {
        return pciBusSem;
    }

    public RescanRemoveLock rescanRemoveLock() {
        return rescan;
    }

    Mutex rpcMutex() {
        return rpcMutex;
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

    /** Function reset (sysfs {@code reset}) and slot 1's reset_slot op. */
    public PciReset reset() {
        return reset;
    }

    public PciSysfs sysfs() {
        return sysfs;
    }

    /** Every registered bus, for the integrity checks. */
    Collection<PciBus> buses() {
        Locks.reads(kernel, this, "buses");
        return buses.values();
    }
}
