package org.pcistress.model.pci;

import java.util.ArrayList;
import java.util.List;

/**
 * The hardware and the boot-time software state a {@link PciCore} boots into. Immutable; each
 * {@code with…} returns a copy.
 *
 * <p>{@link #standard()}: root bus 00 → root port {@code 00:1c.0} (a bridge with hotplug slot 1)
 * → bus 01 with PF {@code 01:00.0} (SR-IOV, TotalVFs 2, VF offset 2, stride 1), whose VFs appear
 * on bus 01 as {@code 01:00.2} and {@code 01:00.3} once enabled. By default the PF driver
 * ({@link Drivers#sriovPf()}) and the VF driver ({@link Drivers#sriovVf()}) are loaded at boot,
 * no VFs are enabled, and every device has a NUMA node, so {@code pci_call_probe} probes in a
 * {@code work_on_cpu} kworker (except during boot, which the model runs on the device's node).
 *
 * <p>{@link #withExtraPfs} and {@link #withExtraEndpoints} widen the hierarchy behind the root port
 * for walks over many devices: more PFs (VFs enabled at boot) and endpoints on bus 01, then behind
 * a switch on the card ({@link ExtraDevices}). Without them the topology is the standard one.
 */
public final class Topology {
    public static final String ROOT_PORT = "00:1c.0";
    public static final String PF = "01:00.0";
    public static final String ENDPOINT = "00:02.0";
    public static final int SLOT = 1;
    public static final int VF_OFFSET = 2;

    private final PciDriver pfDriver;
    private final PciDriver vfDriver;
    private final PciDriver endpointDriver;
    private final boolean pfDriverAtBoot;
    private final boolean vfDriverAtBoot;
    private final int numVfsAtBoot;
    private final int totalVfs;
    private final boolean endpoint;
    private final boolean cardPresent;
    private final boolean numaNode;
    private final boolean deviceLockByRole;
    private final ExtraDevices extra;

    private Topology(PciDriver pfDriver, PciDriver vfDriver, PciDriver endpointDriver, boolean pfDriverAtBoot,
            boolean vfDriverAtBoot, int numVfsAtBoot, int totalVfs, boolean endpoint, boolean cardPresent,
            boolean numaNode, boolean deviceLockByRole, ExtraDevices extra) {
        if (numVfsAtBoot < 0 || numVfsAtBoot > totalVfs || totalVfs < 0 || totalVfs > 6) {
            throw new IllegalArgumentException("need 0 <= numVfsAtBoot <= totalVfs <= 6");
        }
        this.pfDriver = pfDriver;
        this.vfDriver = vfDriver;
        this.endpointDriver = endpointDriver;
        this.pfDriverAtBoot = pfDriverAtBoot;
        this.vfDriverAtBoot = vfDriverAtBoot;
        this.numVfsAtBoot = numVfsAtBoot;
        this.totalVfs = totalVfs;
        this.endpoint = endpoint;
        this.cardPresent = cardPresent;
        this.numaNode = numaNode;
        this.deviceLockByRole = deviceLockByRole;
        this.extra = extra;
    }

    public static Topology standard() {
        return new Topology(Drivers.sriovPf(), Drivers.sriovVf(), Drivers.endpoint(), true, true, 0, 2, false, true,
                true, true, ExtraDevices.NONE);
    }

    /** The 2017 setup: a PF driver that enables {@code n} VFs in probe, not bound at boot. */
    public static Topology enablingVfsInProbe(int n) {
        return standard().withPfDriver(Drivers.sriovPfEnablingInProbe(n)).withPfDriverAtBoot(false);
    }

    public Topology withPfDriver(PciDriver d) {
        return new Topology(d, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    public Topology withVfDriver(PciDriver d) {
        return new Topology(pfDriver, d, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    /** Is the PF driver loaded (and bound) at boot? */
    public Topology withPfDriverAtBoot(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, b, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    public Topology withVfDriverAtBoot(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, b, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    /** VFs enabled at boot through sriov_numvfs (as a udev rule would); needs the PF driver at boot. */
    public Topology withNumVfsAtBoot(int n) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, n, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    public Topology withTotalVfs(int n) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, n,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    /** The driver the endpoints bind to at boot (default {@link Drivers#endpoint()}). */
    public Topology withEndpointDriver(PciDriver d) {
        return new Topology(pfDriver, vfDriver, d, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole, extra);
    }

    /** Adds endpoint {@code 00:02.0} on the root bus, bound to {@link Drivers#endpoint()}. */
    public Topology withEndpoint(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, b, cardPresent, numaNode, deviceLockByRole, extra);
    }

    /** Is the card (the PF) in slot 1 at boot? Without it, hot-add inserts it. */
    public Topology withCardPresent(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, b, numaNode, deviceLockByRole, extra);
    }

    /** With {@code false}, devices have no NUMA node and pci_call_probe probes inline, never in a kworker. */
    public Topology withNumaNode(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, cardPresent, b, deviceLockByRole, extra);
    }

    /** With {@code true}, every dev->mutex is in the kernel's novalidate class (lockdep cannot see it). */
    public Topology withKernelDeviceLockClass(boolean kernelClass) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, cardPresent, numaNode, !kernelClass, extra);
    }

    /**
     * Adds {@code count} PFs behind the root port, each bound to the PF driver with
     * {@code vfsEach} (0 to 6) VFs enabled at boot through {@code sriov_numvfs}: a wide hierarchy
     * for walks over many devices. They fill bus 01 after the standard PF, then a switch behind it
     * ({@link ExtraDevices} has the layout). Replaces an earlier {@code withExtraPfs}; keeps the
     * extra endpoints. Needs the PF driver (and, for the VFs' own drivers, the VF driver) at boot.
     */
    public Topology withExtraPfs(int count, int vfsEach) {
        return withExtra(new ExtraDevices(count, vfsEach, extra.endpoints()));
    }

    /**
     * Adds {@code count} endpoints behind the root port, after the extra PFs, bound at boot to
     * {@link Drivers#endpoint()}. Replaces an earlier {@code withExtraEndpoints}.
     */
    public Topology withExtraEndpoints(int count) {
        return withExtra(new ExtraDevices(extra.pfs(), extra.vfsEach(), count));
    }

    private Topology withExtra(ExtraDevices e) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, cardPresent, numaNode, deviceLockByRole, e);
    }

    // ---- names -----------------------------------------------------------------------------------

    public String rootPort() {
        return ROOT_PORT;
    }

    public String pf() {
        return PF;
    }

    /** The BDF of VF {@code i} (0-based) of the PF: {@code 01:00.2}, {@code 01:00.3}, … */
    public String vf(int i) {
        return String.format("01:%02x.%x", (VF_OFFSET + i) / 8, (VF_OFFSET + i) % 8);
    }

    public String endpoint() {
        return ENDPOINT;
    }

    public int slot() {
        return SLOT;
    }

    public PciDriver pfDriver() {
        return pfDriver;
    }

    public PciDriver vfDriver() {
        return vfDriver;
    }

    public PciDriver endpointDriver() {
        return endpointDriver;
    }

    /** The drivers userspace can load (the modules on disk), by name. */
    public List<PciDriver> modules() {
        List<PciDriver> l = new ArrayList<>(List.of(pfDriver, vfDriver));
        if (endpointDriverAtBoot()) {
            l.add(endpointDriver);
        }
        return l;
    }

    /** Is the endpoint driver loaded at boot: with endpoint {@code 00:02.0} or extra endpoints. */
    public boolean endpointDriverAtBoot() {
        return endpoint || extra.endpoints() > 0;
    }

    /** The devices {@link #withExtraPfs} and {@link #withExtraEndpoints} add (none by default). */
    public ExtraDevices extra() {
        return extra;
    }

    /**
     * How many devices are behind the root port once booted, which is how many a walk of bus 01
     * (AER for the PF or the root port) visits: the standard PF and its VFs at boot, and every
     * extra device, switch ports included; 0 without the card.
     */
    public int devicesBehindRootPort() {
        return cardPresent ? 1 + numVfsAtBoot + extra.devices() : 0;
    }

    public boolean pfDriverAtBoot() {
        return pfDriverAtBoot;
    }

    public boolean vfDriverAtBoot() {
        return vfDriverAtBoot;
    }

    public int numVfsAtBoot() {
        return numVfsAtBoot;
    }

    public int totalVfs() {
        return totalVfs;
    }

    public boolean hasEndpoint() {
        return endpoint;
    }

    public boolean cardPresent() {
        return cardPresent;
    }

    public boolean numaNode() {
        return numaNode;
    }

    public boolean deviceLockByRole() {
        return deviceLockByRole;
    }
}
