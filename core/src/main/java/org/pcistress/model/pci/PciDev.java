package org.pcistress.model.pci;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.CfgAccessLock;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.Work;

/**
 * {@code struct pci_dev} with the parts of its embedded {@code struct device} the locking model
 * needs: the refcount ({@code kobj.kref}), {@code dev->mutex} (device_lock), {@code dev->parent},
 * the bound driver, the added and removed state, and the SR-IOV state of a PF or VF.
 *
 * <p>The setters are the kernel's own stores, for the model's kernel paths; harnesses read state
 * only. Every kernel path calls {@link #check} before it touches a device, so a device used after
 * its last reference was dropped is reported (KASAN) instead of silently working.
 */
public final class PciDev {
    private final PciCore core;
    private final String bdf;
    private final DeviceRole role;
    private final PciBus bus;
    private final Mutex mutex;
    private final CfgAccessLock cfgAccess;
    final ListNode busNode = new ListNode(this);

    private final AtomicInteger refcount = new AtomicInteger(1); // device_initialize()
    private volatile boolean freed;
    private volatile PciDev parent;
    private volatile PciBus subordinate;
    private volatile PciDriver driver;
    private volatile PciDriver pciDriver;
    private final AtomicInteger bindings = new AtomicInteger();
    private final AtomicBoolean added = new AtomicBoolean();
    private final AtomicBoolean registered = new AtomicBoolean(); // dev->kobj.parent != NULL
    private final AtomicBoolean removed = new AtomicBoolean(); // v6.19 PCI_DEV_REMOVED
    private final AtomicBoolean edev = new AtomicBoolean(); // powerpc: eeh_dev in a PE (pcibios_bus_add_device)
    private final AtomicBoolean matchDriver = new AtomicBoolean(); // match_driver / PCI_DEV_ALLOW_BINDING
    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger errorDetected = new AtomicInteger();
    private volatile String errorState = "io_normal";

    // SR-IOV
    private final int totalVfs;
    private final PciDev physfn;
    private final int vfIndex;
    private volatile int numVfs;
    private volatile boolean isProbed;
    private volatile boolean driversAutoprobe = true;
    private volatile Work<Integer> enumeration;

    PciDev(PciCore core, String bdf, DeviceRole role, PciBus bus, int totalVfs, PciDev physfn, int vfIndex) {
        this.core = core;
        this.bdf = bdf;
        this.role = role;
        this.bus = bus;
        this.totalVfs = totalVfs;
        this.physfn = physfn;
        this.vfIndex = vfIndex;
        this.mutex = new Mutex(core.kernel(), role.deviceLockClass(core.topology().deviceLockByRole()),
                "&dev->mutex(" + bdf + ")");
        this.cfgAccess = new CfgAccessLock(core.kernel(), bdf);
    }

    /** KASAN: stops the path with USE_AFTER_FREE if the last reference is gone. */
    public PciDev check(String where) {
        if (freed) {
            throw Integrity.bug(core.kernel(), ReportKind.USE_AFTER_FREE,
                    "BUG: KASAN: use-after-free in " + where + " on pci_dev " + bdf,
                    "the last reference to " + bdf + " was dropped (pci_release_dev) before this access");
        }
        return this;
    }

    // ---- identity ----------------------------------------------------------------------------

    public PciCore core() {
        return core;
    }

    public String bdf() {
        return bdf;
    }

    public DeviceRole role() {
        return role;
    }

    public boolean isVirtfn() {
        return role == DeviceRole.VF;
    }

    public boolean isBridge() {
        return role == DeviceRole.BRIDGE;
    }

    /** {@code dev->bus}. */
    public PciBus bus() {
        return bus;
    }

    /** device_lock's mutex, {@code dev->mutex}. */
    public Mutex mutex() {
        return mutex;
    }

    /** {@code pci_cfg_access_lock(dev)}'s flag and wait queue. */
    CfgAccessLock cfgAccess() {
        return cfgAccess;
    }

    // ---- struct device -----------------------------------------------------------------------

    /** {@code dev->parent}: the upstream bridge (for a VF too, not its PF), {@code null} on the root bus. */
    public PciDev parent() {
        return parent;
    }

    public void parent(PciDev p) {
        parent = p;
    }

    public PciBus subordinate() {
        return subordinate;
    }

    public void subordinate(PciBus b) {
        subordinate = b;
    }

    /** {@code dev->driver}: the driver core's binding (set by really_probe, cleared on release). */
    public PciDriver driver() {
        return driver;
    }

    public void driver(PciDriver d) {
        driver = d;
        bindings.incrementAndGet();
    }

    /**
     * {@code pci_dev->driver} (v4.14, v5.10; v5.16+ derive it from {@code dev->driver}): set by
     * local_pci_probe before {@code .probe}, cleared by pci_device_remove. It differs from
     * {@link #driver()} in v4.14 when VF autoprobe is off: the driver core binds the VF but
     * {@code .probe} never runs, so {@code pci_dev->driver} stays {@code NULL}, and the AER/EEH
     * reports, pci_device_remove and sriov_numvfs_store, which all read it, skip the driver.
     */
    public PciDriver pciDriver() {
        return pciDriver;
    }

    public void pciDriver(PciDriver d) {
        pciDriver = d;
    }

    /** How many times {@code dev->driver} was set or cleared: instrumentation for "bound throughout". */
    public int bindings() {
        return bindings.get();
    }

    public AtomicInteger refcount() {
        return refcount;
    }

    public boolean freed() {
        return freed;
    }

    void markFreed() {
        freed = true;
    }

    /** {@code pci_dev_is_added()}: the added flag (v4.14 {@code is_added}, v5.10+ PCI_DEV_ADDED). */
    public AtomicBoolean added() {
        return added;
    }

    /** {@code dev->kobj.parent != NULL}: between device_add and device_del; on the driver-core klist. */
    public AtomicBoolean registered() {
        return registered;
    }

    /**
     * powerpc: the device has an {@code eeh_dev} in a PE, so EEH can see it. Set up by the platform's
     * {@code pcibios_bus_add_device} hook (pseries/powernv {@code eeh_add_device_late}, v5.x+
     * {@code eeh_probe_device}; for a VF also its VF PE) at the start of {@code pci_bus_add_device},
     * not by {@code pci_device_add}: a VF that is only device_add'ed is invisible to EEH.
     */
    public AtomicBoolean edev() {
        return edev;
    }

    /**
     * The binding gate: {@code pci_dev->match_driver} (v4.14, v5.10; cleared by {@code pci_device_add})
     * or the {@code PCI_DEV_ALLOW_BINDING} private flag (v6.18+; clear in a new pci_dev), set by
     * {@code pci_bus_add_device} just before the first attach. Until then {@code pci_bus_match}
     * matches no driver: no bind or driver load can bind a device that is only device_add'ed.
     */
    public AtomicBoolean matchDriver() {
        return matchDriver;
    }

    /** v6.19's removed flag, set once by pci_destroy_dev. */
    public AtomicBoolean removed() {
        return removed;
    }

    /** How many times pci_stop_dev's teardown ran on this device (more than once: DOUBLE_REMOVE). */
    public AtomicInteger stops() {
        return stops;
    }

    /** How many times device_del ran on this device. */
    AtomicInteger deletes() {
        return deletes;
    }

    /** How many error_detected callbacks this device's driver got. */
    public AtomicInteger errorDetectedCalls() {
        return errorDetected;
    }

    public String errorState() {
        return errorState;
    }

    public void errorState(String s) {
        errorState = s;
    }

    // ---- SR-IOV --------------------------------------------------------------------------------

    public boolean isSriovCapable() {
        return totalVfs > 0;
    }

    public int totalVfs() {
        return totalVfs;
    }

    /** {@code dev->sriov->num_VFs}. */
    public int numVfs() {
        return numVfs;
    }

    public void numVfs(int n) {
        numVfs = n;
    }

    /** {@code dev->physfn} of a VF (a counted reference), {@code null} otherwise. */
    public PciDev physfn() {
        return physfn;
    }

    public int vfIndex() {
        return vfIndex;
    }

    /** {@code dev->is_probed}: set across pci_call_probe. */
    boolean isProbed() {
        return isProbed;
    }

    void isProbed(boolean b) {
        isProbed = b;
    }

    /** {@code dev->sriov->drivers_autoprobe}. */
    public boolean driversAutoprobe() {
        return driversAutoprobe;
    }

    public void driversAutoprobe(boolean b) {
        driversAutoprobe = b;
    }

    /** Fix deferred-enumeration: the queued VF enumeration, if any. */
    public Work<Integer> enumeration() {
        return enumeration;
    }

    public void enumeration(Work<Integer> w) {
        enumeration = w;
    }

    @Override
    public String toString() {
        return bdf + "[" + role.label() + "]";
    }
}
