package org.pcistress.bench;

import org.pcistress.model.pci.Topology;

/**
 * Topologies of an exact size for the model benchmarks: {@code n} devices behind the root port,
 * which is what a walk of bus 01 visits (switch ports included). Devices have no NUMA node, so
 * probes run inline: boot and hot-add cost list work and locks, not kworker hand-offs.
 */
public final class Topologies {
    /** VFs per extra PF: a whole device number each, PF at function 0 and VFs at 2 to 7. */
    public static final int VFS_EACH = 6;

    private Topologies() {
    }

    /**
     * The standard PF (no VFs), as many extra PFs with {@value #VFS_EACH} VFs each as fit, and
     * endpoints for the rest: exactly {@code n} devices, on bus 01 and then behind a switch.
     */
    public static Topology wide(int n) {
        for (int pfs = Math.max(0, (n - 1) / (1 + VFS_EACH)); pfs >= 0; pfs--) {
            Topology t = fill(Topology.standard().withNumaNode(false).withExtraPfs(pfs, VFS_EACH), n);
            if (t != null) {
                return t;
            }
        }
        throw new IllegalArgumentException("no topology of exactly " + n + " devices");
    }

    /** The standard PF (no VFs) and endpoints: exactly {@code n} devices, switch ports included. */
    public static Topology endpoints(int n) {
        Topology t = fill(Topology.standard().withNumaNode(false), n);
        if (t == null) {
            throw new IllegalArgumentException("no topology of exactly " + n + " devices");
        }
        return t;
    }

    /** {@code t} with as many extra endpoints as make {@code n} devices, or {@code null}. */
    private static Topology fill(Topology t, int n) {
        int base = t.devicesBehindRootPort();
        for (int e = n - base; e >= 0; e--) {
            Topology u = t.withExtraEndpoints(e);
            int size = u.devicesBehindRootPort();
            if (size == n) {
                return u;
            }
            if (size < n) {
                return null; // a switch port more would have been needed; fewer PFs, then
            }
        }
        return null;
    }
}
