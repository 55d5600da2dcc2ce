package org.pcistress.model;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.model.driver.Drivers;
import org.pcistress.model.driver.PciDriver;

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

    private Topology(PciDriver pfDriver, PciDriver vfDriver, PciDriver endpointDriver, boolean pfDriverAtBoot,
            boolean vfDriverAtBoot, int numVfsAtBoot, int totalVfs, boolean endpoint, boolean cardPresent,
            boolean numaNode, boolean deviceLockByRole) {
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
    }

    public static Topology standard() {
        return new Topology(Drivers.sriovPf(), Drivers.sriovVf(), Drivers.endpoint(), true, true, 0, 2, false, true,
                true, true);
    }

    /** The 2017 setup: a PF driver that enables {@code n} VFs in probe, not bound at boot. */
    public static Topology enablingVfsInProbe(int n) {
        return standard().withPfDriver(Drivers.sriovPfEnablingInProbe(n)).withPfDriverAtBoot(false);
    }

    public Topology withPfDriver(PciDriver d) {
        return new Topology(d, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole);
    }

    public Topology withVfDriver(PciDriver d) {
        return new Topology(pfDriver, d, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole);
    }

    /** Is the PF driver loaded (and bound) at boot? */
    public Topology withPfDriverAtBoot(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, b, vfDriverAtBoot, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole);
    }

    public Topology withVfDriverAtBoot(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, b, numVfsAtBoot, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole);
    }

    /** VFs enabled at boot through sriov_numvfs (as a udev rule would); needs the PF driver at boot. */
    public Topology withNumVfsAtBoot(int n) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, n, totalVfs,
                endpoint, cardPresent, numaNode, deviceLockByRole);
    }

    public Topology withTotalVfs(int n) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot, n,
                endpoint, cardPresent, numaNode, deviceLockByRole);
    }

    /** Adds endpoint {@code 00:02.0} on the root bus, bound to {@link Drivers#endpoint()}. */
    public Topology withEndpoint(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, b, cardPresent, numaNode, deviceLockByRole);
    }

    /** Is the card (the PF) in slot 1 at boot? Without it, hot-add inserts it. */
    public Topology withCardPresent(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, b, numaNode, deviceLockByRole);
    }

    /** With {@code false}, devices have no NUMA node and pci_call_probe probes inline, never in a kworker. */
    public Topology withNumaNode(boolean b) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, cardPresent, b, deviceLockByRole);
    }

    /** With {@code true}, every dev->mutex is in the kernel's novalidate class (lockdep cannot see it). */
    public Topology withKernelDeviceLockClass(boolean kernelClass) {
        return new Topology(pfDriver, vfDriver, endpointDriver, pfDriverAtBoot, vfDriverAtBoot, numVfsAtBoot,
                totalVfs, endpoint, cardPresent, numaNode, !kernelClass);
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
        if (endpoint) {
            l.add(endpointDriver);
        }
        return l;
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
