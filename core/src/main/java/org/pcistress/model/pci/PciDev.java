package org.pcistress.model.pci;

import java.util.concurrent.atomic.AtomicInteger;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.CfgAccessLock;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.Work;

/**
 * {@code struct pci_dev} with the parts of its embedded {@code struct device} the locking model
 * needs: the refcount ({@code kobj.kref}), {@code dev->mutex} (device_lock), {@code dev->parent},
 * the bound driver, the added and removed state, and the SR-IOV state of a PF or VF.
 *
 * <p>The setters are the kernel's own stores, for the model's kernel paths; harnesses read state
 * only. Every kernel path calls {@link #check} before it touches a device, so a device used after
 * its last reference was dropped is reported (KASAN) instead of silently working. Every mutable
 * field is shared by tasks outside any lock that orders it, so each accessor declares its read or
 * write ({@code Locks.reads}/{@code writes}: field {@code r}/{@code w}'s name of this device), for
 * the explorer's partial-order reduction.
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
    private final AtomicInteger flags = new AtomicInteger(); // DevFlag bits
    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger errorDetected = new AtomicInteger();
    private volatile String errorState = "io_normal";

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
        if (freed()) {
            throw Integrity.bug(core.kernel(), ReportKind.USE_AFTER_FREE,
                    "BUG: KASAN: use-after-free in " + where + " on pci_dev " + bdf,
                    "the last reference to " + bdf + " was dropped (pci_release_dev) before this access");
        }
        return this;
    }

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

    /** {@code dev->parent}: the upstream bridge (for a VF too, not its PF), {@code null} on the root bus. */
    public PciDev parent() {
        r("parent");
        return parent;
    }

    public void parent(PciDev p) {
        w("parent");
        parent = p;
    }

    public PciBus subordinate() {
        r("subordinate");
        return subordinate;
    }

    public void subordinate(PciBus b) {
        w("subordinate");
        subordinate = b;
    }

    /** {@code dev->driver}: the driver core's binding (set by really_probe, cleared on release). */
    public PciDriver driver() {
        r("driver");
        return driver;
    }

    public void driver(PciDriver d) {
        w("driver");
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
        r("pciDriver");
        return pciDriver;
    }

    public void pciDriver(PciDriver d) {
        w("pciDriver");
        pciDriver = d;
    }

    /** How many times {@code dev->driver} was set or cleared: instrumentation for "bound throughout". */
    public int bindings() {
        r("driver");
        return bindings.get();
    }

    /** The refcount ({@code kobj.kref}); a write: every kernel path that touches it may change it. */
    public AtomicInteger refcount() {
        w("refcount");
        return refcount;
    }

    public boolean freed() {
        r("freed");
        return freed;
    }

    void markFreed() {
        w("freed");
        freed = true;
    }

    /** {@code flag}'s state: a read of it. */
    public boolean is(DevFlag flag) {
        r(flag.name());
        return (flags.get() & flag.bit()) != 0;
    }

    /** Sets ({@code on}) or clears {@code flag}. */
    public void set(DevFlag flag, boolean on) {
        testAndSet(flag, on);
    }

    /** Sets or clears {@code flag} and returns its previous state: the kernel's test_and_set/test_and_clear bitops. */
    public boolean testAndSet(DevFlag flag, boolean on) {
        w(flag.name());
        int old = flags.getAndUpdate(f -> on ? f | flag.bit() : f & ~flag.bit());
        return (old & flag.bit()) != 0;
    }

    /** How many times pci_stop_dev's teardown ran on this device (more than once: DOUBLE_REMOVE); a write. */
    public AtomicInteger stops() {
        w("stops");
        return stops;
    }

    /** How many times device_del ran on this device; a write. */
    AtomicInteger deletes() {
        w("deletes");
        return deletes;
    }

    /** How many error_detected callbacks this device's driver got; a write (the kernel paths count). */
    public AtomicInteger errorDetectedCalls() {
        w("errorDetected");
        return errorDetected;
    }

    public String errorState() {
        r("errorState");
        return errorState;
    }

    public void errorState(String s) {
        w("errorState");
        errorState = s;
    }

    public boolean isSriovCapable() {
        return totalVfs > 0;
    }

    public int totalVfs() {
        return totalVfs;
    }

    /** {@code dev->sriov->num_VFs}. */
    public int numVfs() {
        r("numVfs");
        return numVfs;
    }

    public void numVfs(int n) {
        w("numVfs");
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
        r("isProbed");
        return isProbed;
    }

    void isProbed(boolean b) {
        w("isProbed");
        isProbed = b;
    }

    /** {@code dev->sriov->drivers_autoprobe}. */
    public boolean driversAutoprobe() {
        r("driversAutoprobe");
        return driversAutoprobe;
    }

    public void driversAutoprobe(boolean b) {
        w("driversAutoprobe");
        driversAutoprobe = b;
    }

    /** Fix deferred-enumeration: the queued VF enumeration, if any. */
    public Work<Integer> enumeration() {
        r("enumeration");
        return enumeration;
    }

    public void enumeration(Work<Integer> w) {
        w("enumeration");
        enumeration = w;
    }

    private void r(String field) {
        Locks.reads(core.kernel(), this, field);
    }
    private void w(String field) {
        Locks.writes(core.kernel(), this, field);
    }

    @Override
    public String toString() {
        return bdf + "[" + role.label() + "]";
    }
}
