package org.pcistress.bench.aer;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.pcistress.model.PciDev;
import org.pcistress.model.Topology;
import org.pcistress.model.driver.ErrorHandlers;
import org.pcistress.model.driver.ErsResult;
import org.pcistress.model.driver.PciDriver;
import org.pcistress.model.profile.Profiles;

@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AerBench_01_BusWalk {

    /*
     * The question: what does one AER recovery cost, uncontended, as the bus grows, and what does
     * the list-snapshot fix add to it?
     *
     * One operation is aer_isr for the PF: pcie_do_recovery broadcasts error_detected, then
     * mmio_enabled, then resume, each a pci_walk_bus over the PF's bus whose report_* callback
     * takes device_lock(dev) and calls the driver. The bus holds the PF and n-1 of its VFs, all
     * bound.
     *
     *   v6.19+revert          the walk holds pci_bus_sem for read across every callback.
     *   list-snapshot         each walk only collects referenced devices (pci_dev_get) under
     *                         pci_bus_sem; the callbacks run after up_read, then pci_dev_put.
     *                         Costs a list and two refcount operations per device per broadcast.
     *   deferred-enumeration  changes SR-IOV enable only: the broadcast is v6.19+revert's. It is
     *                         here as a control: its ratio to v6.19+revert should be 1.
     *
     * floor() is the same three broadcasts as plain loops over the same devices calling the same
     * driver handlers, with no task, no locks and no refcounts: what the recovery would cost if
     * locking were free.
     *
     * Run it with -prof gc for the allocation per recovery (the model allocates a frame per
     * entered function, a task per entry point, and list-snapshot its list).
     *
     * The model's Topology caps a PF at 6 VFs, so n stops at 7 devices; the sweep to 16, 256 and
     * 4096 devices waits for a topology builder that can make them (see docs/BENCH.md).
     */

    @State(Scope.Thread)
    public static class Recovery {
        @Param({"1", "3", "7"})
        public int n;

        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        PciCore core;
        String pf;

        /** Per iteration: the kernel keeps every task it ever ran (see docs/BENCH.md), so a fresh one bounds that. */
        @Setup(Level.Iteration)
        public void boot() {
            core = PciCore.boot(Strategies.profile(strategy), bus(n), Strategies.config());
            pf = core.topology().pf();
            if (core.entry().aerError(pf) != 0) {
                throw new IllegalStateException("aer_isr for " + pf + " failed");
            }
            Strategies.requireClean(core, "boot");
        }

        @TearDown(Level.Iteration)
        public void check() {
            Strategies.requireClean(core, "recovery");
        }
    }

    @State(Scope.Thread)
    public static class Floor {
        @Param({"1", "3", "7"})
        public int n;

        List<PciDev> devices;

        @Setup(Level.Trial)
        public void boot() {
            PciCore core = PciCore.boot(Profiles.named(Strategies.REVERT), bus(n), Strategies.config());
            PciDev pf = core.device(core.topology().pf());
            devices = pf.bus().entries();
        }
    }

    /** The PF and n - 1 VFs on bus 01, every driver loaded at boot. */
    static Topology bus(int n) {
        return Topology.standard().withTotalVfs(6).withNumVfsAtBoot(n - 1);
    }

    @Benchmark
    public int recovery(Recovery s) {
        return s.core.entry().aerError(s.pf);
    }

    @Benchmark
    public ErsResult floor(Floor s) {
        ErsResult status = ErsResult.CAN_RECOVER;
        for (PciDev d : s.devices) {
            ErrorHandlers h = handlers(d);
            if (h != null && h.errorDetected() != null) {
                status = ErsResult.mergeResult(status, h.errorDetected().apply(d));
            }
        }
        for (PciDev d : s.devices) {
            ErrorHandlers h = handlers(d);
            if (h != null && h.mmioEnabled() != null) {
                status = ErsResult.mergeResult(status, h.mmioEnabled().apply(d));
            }
        }
        for (PciDev d : s.devices) {
            ErrorHandlers h = handlers(d);
            if (h != null && h.resume() != null) {
                h.resume().accept(d);
            }
        }
        return status;
    }

    private static ErrorHandlers handlers(PciDev d) {
        PciDriver drv = d.driver();
        return drv == null ? null : drv.errHandler();
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar AerBench_01 -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc
     */
}
