package org.pcistress.bench.aer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pcistress.bench.Strategies;
import org.pcistress.bench.Topologies;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.ExtraDevices;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;

@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AerBench_02_WalkUnderChurn {

    /*
     * The question: while AER broadcasts over a long bus, how long does a writer that removes and
     * adds a device on that bus wait, and does the list-snapshot fix stop it waiting for a whole
     * broadcast?
     *
     * The hierarchy behind the root port holds n devices, in one of two shapes (topology; the
     * parameter sorts after strategy, so the report's × ref stays per strategy):
     *   endpoints  the standard PF (no VFs) and endpoints, 240 of them on bus 01 and the rest
     *              behind a switch (Topologies.endpoints): the writer's rescan scans every one.
     *   sriov      the standard PF, PFs with 6 VFs each, one endpoint, a switch (Topologies.wide):
     *              the same walk, but a rescan scans a seventh as many functions (VFs never
     *              answer a scan), so the writer's own work is smaller next to its wait.
     * Two actors (JMHSample_15_Asymmetric) on one booted core:
     *   walker  one broadcast of report_error_detected over bus 01, as the AER thread
     *           (AerRecovery.broadcastTask): pci_walk_bus, device_lock per callback.
     *   writer  echo 1 > remove of an endpoint (the middle one of the extra endpoints: 01:10.3,
     *           or in sriov the only one, behind the switch), then echo 1 > rescan, which finds
     *           it again. The remove takes the rescan lock, device_lock(ep)
     *           to release the driver, then pci_bus_sem for write to unlink it (pci_destroy_dev);
     *           the rescan takes the rescan lock, pci_bus_sem for read per pci_get_slot, for
     *           write to link the new device (pci_device_add), then device_lock(ep) to probe it.
     *
     * Under v7.0 the walk holds pci_bus_sem for read across every callback, so each of the
     * writer's two down_writes waits for the rest of a broadcast; under list-snapshot they wait only
     * for the collecting walk. deferred-enumeration does not touch either path and is the control.
     * The writer's own work grows with the bus too (the rescan's pci_get_slot is a list search per
     * scanned device, as in the kernel), so read the churn percentiles against writerAlone's.
     *
     * No variant can deadlock here: the writer never holds device_lock while it waits for
     * pci_bus_sem, nor pci_bus_sem while it waits for a device_lock; the endpoint driver's .remove
     * and .probe take no lock; the walk takes no rescan lock and never reads pci_bus_sem twice. No
     * VF is added or removed (a PF's .remove disabling SR-IOV under device_lock would be S1's ABBA
     * against the walk: a jcstress question, not a JMH one; in sriov the rescan finds every PF
     * already there and probes only the endpoint). The teardown fails the trial if the
     * model reported anything, and the writer fails if an entry point returned an error.
     *
     * Both modes run: Throughput gives each actor's rate, SampleTime the writer's latency
     * percentiles (read p50 to p99, not the mean, on a shared machine). walkerAlone() and
     * writerAlone() are the same operations with nobody to wait for: the baselines.
     */

    @State(Scope.Group)
    public static class Shared {
        @Param({"256"})
        public int n;

        @Param({"endpoints", "sriov"})
        public String topology;

        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        PciSystem sys;
        PciDev rootPort;
        String churned;

        /** A fresh core per iteration, checked at its end. */
        @Setup(Level.Iteration)
        public void boot() {
            sys = AerBench_02_WalkUnderChurn.boot(strategy, topology, n);
            rootPort = sys.device(Topology.ROOT_PORT);
            churned = churned(sys.topology());
        }

        @TearDown(Level.Iteration)
        public void check() {
            Strategies.requireClean(sys, "churn");
        }
    }

    @State(Scope.Thread)
    public static class Quiet {
        @Param({"256"})
        public int n;

        @Param({"endpoints", "sriov"})
        public String topology;

        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        PciSystem sys;
        PciDev rootPort;
        String churned;

        @Setup(Level.Iteration)
        public void boot() {
            sys = AerBench_02_WalkUnderChurn.boot(strategy, topology, n);
            rootPort = sys.device(Topology.ROOT_PORT);
            churned = churned(sys.topology());
        }

        @TearDown(Level.Iteration)
        public void check() {
            Strategies.requireClean(sys, "alone");
        }
    }

    static PciSystem boot(String strategy, String topology, int n) {
        Topology t = switch (topology) {
            case "endpoints" -> Topologies.endpoints(n);
            case "sriov" -> Topologies.wide(n);
            default -> throw new IllegalArgumentException("topology=" + topology);
        };
        PciSystem sys = Strategies.bootSettled(strategy, t);
        if (walk(sys, sys.device(Topology.ROOT_PORT)) == null) {
            throw new IllegalStateException("a broadcast failed on a quiet core");
        }
        cycle(sys, churned(t));
        return sys;
    }

    /** The middle one of the topology's extra endpoints. */
    static String churned(Topology t) {
        List<String> eps = new ArrayList<>();
        for (int bus : t.extra().buses()) {
            for (ExtraDevices.Function f : t.extra().onBus(bus)) {
                if (f.role() == DeviceRole.ENDPOINT) {
                    eps.add(f.bdf());
                }
            }
        }
        if (eps.isEmpty()) {
            throw new IllegalStateException("no endpoint to churn");
        }
        return eps.get(eps.size() / 2);
    }

    static ErsResult walk(PciSystem sys, PciDev rootPort) {
        return sys.aer().broadcastTask(rootPort, "error_detected");
    }

    static int cycle(PciSystem sys, String bdf) {
        int rc = sys.entry().removeStore(bdf);
        if (rc == 0) {
            rc = sys.entry().rescanStore();
        }
        if (rc != 0) {
            throw new IllegalStateException("remove + rescan of " + bdf + " returned " + rc);
        }
        return rc;
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public ErsResult walker(Shared s) {
        return walk(s.sys, s.rootPort);
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public int writer(Shared s) {
        return cycle(s.sys, s.churned);
    }

    @Benchmark
    public ErsResult walkerAlone(Quiet s) {
        return walk(s.sys, s.rootPort);
    }

    @Benchmark
    public int writerAlone(Quiet s) {
        return cycle(s.sys, s.churned);
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar AerBench_02 -f 1 -wi 2 -w 1s -i 3 -r 1s
     *
     * Only the group, in sample mode (the writer's percentiles):
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar 'AerBench_02.*churn' -bm sample -f 1
     */
}
