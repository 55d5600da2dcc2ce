package org.pcistress.bench.aer;

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
import org.pcistress.model.PciCore;
import org.pcistress.model.Topology;

@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AerBench_02_WalkUnderChurn {

    /*
     * The question: while an AER recovery walks a bus, how long does a hot-plug writer on that
     * same bus wait, and what does the churn cost the walker?
     *
     * Two actors (JMHSample_15_Asymmetric) on one booted core:
     *   walker  aer_isr for root port 00:1c.0: pcie_do_recovery broadcasts over its secondary bus
     *           01, which holds the PF when the card is in.
     *   writer  hot-unplug then hot-add of slot 1 (pciehp): the PF is stopped and removed
     *           (pci_destroy_dev: pci_bus_sem for write), then scanned and added again
     *           (pci_device_add: pci_bus_sem for write) and its driver bound.
     *
     * Under v6.19+revert each broadcast holds pci_bus_sem for read across every report_*
     * callback, so the writer's down_write waits for a whole broadcast; under list-snapshot it
     * waits only for the collecting walk. deferred-enumeration does not touch either path and is
     * the control.
     *
     * Chosen so that no variant can deadlock: the PF has no VFs enabled, so its driver's .remove
     * (which runs under device_lock(PF)) never takes pci_bus_sem; hot-plug takes device_lock and
     * pci_bus_sem one after the other, never nested; AER takes no rescan lock. (With VFs, the
     * unplug is S1's ABBA against the walk: a jcstress question, not a JMH one.) Devices have no
     * NUMA node, so probes run inline rather than in a work_on_cpu kworker: the writer's time is
     * locks and list work, not thread start-up.
     *
     * Both modes run: Throughput gives the walker's recoveries per microsecond, SampleTime the
     * writer's latency percentiles. walkerAlone() and writerAlone() are the same operations with
     * nobody to wait for: the baselines.
     */

    @State(Scope.Group)
    public static class Shared {
        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        PciCore core;

        /** A fresh core per iteration: the kernel keeps every task it ran. */
        @Setup(Level.Iteration)
        public void boot() {
            core = AerBench_02_WalkUnderChurn.boot(strategy);
        }

        @TearDown(Level.Iteration)
        public void check() {
            Strategies.requireClean(core, "churn");
        }
    }

    @State(Scope.Thread)
    public static class Quiet {
        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        PciCore core;

        @Setup(Level.Iteration)
        public void boot() {
            core = AerBench_02_WalkUnderChurn.boot(strategy);
        }

        @TearDown(Level.Iteration)
        public void check() {
            Strategies.requireClean(core, "alone");
        }
    }

    static PciCore boot(String strategy) {
        PciCore core = PciCore.boot(Strategies.profile(strategy), Topology.standard().withNumaNode(false),
                Strategies.config());
        if (core.entry().aerError(Topology.ROOT_PORT) != 0 || cycle(core) != 0) {
            throw new IllegalStateException("recovery or hot-plug cycle failed on a quiet core");
        }
        return core;
    }

    static int cycle(PciCore core) {
        int rc = core.entry().hotUnplug(Topology.SLOT);
        return rc != 0 ? rc : core.entry().hotAdd(Topology.SLOT);
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public int walker(Shared s) {
        return s.core.entry().aerError(Topology.ROOT_PORT);
    }

    @Benchmark
    @Group("churn")
    @GroupThreads(1)
    public int writer(Shared s) {
        return cycle(s.core);
    }

    @Benchmark
    public int walkerAlone(Quiet s) {
        return s.core.entry().aerError(Topology.ROOT_PORT);
    }

    @Benchmark
    public int writerAlone(Quiet s) {
        return cycle(s.core);
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
