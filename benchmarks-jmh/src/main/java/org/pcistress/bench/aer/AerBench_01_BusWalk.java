package org.pcistress.bench.aer;

import java.util.ArrayList;
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
import org.pcistress.bench.Topologies;
import org.pcistress.kernel.locking.AttachedTask;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profiles;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
// five JVMs of 3 + 3 s rather than three of 5 + 5 s: in the same time, more forks, and the forks
// are what varies (their means landed up to 9% apart while iterations agreed within 1%); the gate
// counts a fork's iterations as little more than one observation when forks disagree (docs/BENCH.md)
@Fork(5)
public class AerBench_01_BusWalk {

    /*
     * The question: what does one AER broadcast cost, uncontended, as the hierarchy grows, under
     * each strategy, and how far is it from the cost of calling the drivers with no locking at all?
     *
     * One operation is one broadcast of report_error_detected: pci_walk_bus over bus 01 (everything
     * behind the root port), the callback taking device_lock(dev) and calling the driver's
     * error_detected. The hierarchy holds exactly n devices: the standard PF, PFs with 6 VFs each,
     * endpoints for the remainder, and from n = 256 a switch on the card (its upstream and
     * downstream ports are bridges the walk recurses through and reports to, as the kernel's does).
     * See Topologies.wide and Topology.withExtraPfs.
     *
     *   v7.0          pci_walk_bus holds pci_bus_sem for read across every callback.
     *   list-snapshot         the walk only collects the devices with a reference each
     *                         (pci_dev_get) under pci_bus_sem, drops it, then locks and reports
     *                         each and drops its reference: a list and two refcount operations per
     *                         device more, in exchange for not holding pci_bus_sem across the
     *                         callbacks (AerBench_02 measures what that buys).
     *   deferred-enumeration  changes SR-IOV enable only (VF enumeration moves out of probe into a
     *                         work item); this walk is v7.0's. It is the control: its
     *                         ratio to v7.0 should be 1.
     *
     * floor() is the limit: a plain loop over the same n devices, in the same order, calling the
     * same error_detected handlers and merging their votes, with no task, no locks, no refcounts
     * and none of the model's instrumentation. walk() also pays the model's own cost per callback
     * (a frame per entered function, the KASAN check, the "callback under device_lock" check, the
     * wait-for detector's held-lock stack), so the distance to the floor is an upper bound on what
     * the locking costs.
     *
     * The walk runs in one task per iteration (Kernel.attach), as the kernel's AER IRQ thread is
     * one long-lived thread: the task is not part of the operation. Run it with -prof gc for the
     * bytes allocated per walk (frames, and list-snapshot's list).
     *
     * The former whole-recovery measurement (aer_isr: three broadcasts plus the model's
     * MISSED_BROADCAST bookkeeping, which is quadratic in the bus's length) is gone: at these sizes
     * it measured the instrumentation, not the walk.
     */

    @State(Scope.Thread)
    public static class Walk {
        @Param({"16", "256", "4096"})
        public int n;

        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        PciSystem sys;
        PciDev pf;
        AttachedTask aer;

        @Setup(Level.Trial)
        public void boot() {
            sys = Strategies.bootSettled(strategy, Topologies.wide(n));
            pf = sys.device(Topology.PF);
            int size = devices(sys).size();
            if (size != n) {
                throw new IllegalStateException("booted " + size + " devices behind the root port, not " + n);
            }
            Strategies.requireClean(sys, "boot");
        }

        /** The AER thread, bound to this benchmark thread for the iteration. */
        @Setup(Level.Iteration)
        public void attach() {
            aer = sys.kernel().attach(sys.aer().aerTaskName());
        }

        @TearDown(Level.Iteration)
        public void detach() {
            aer.close();
            Strategies.requireClean(sys, "walk");
        }
    }

    @State(Scope.Thread)
    public static class Floor {
        @Param({"16", "256", "4096"})
        public int n;

        List<PciDev> devices;

        @Setup(Level.Trial)
        public void boot() {
            devices = devices(PciSystem.boot(Profiles.named(Strategies.REVERT), Topologies.wide(n), Strategies.config()));
        }
    }

    /** Every device behind the root port in pci_walk_bus order: each device, then the bus behind it. */
    static List<PciDev> devices(PciSystem sys) {
        List<PciDev> out = new ArrayList<>();
        collect(sys.core().bus(1), out);
        return out;
    }

    private static void collect(PciBus bus, List<PciDev> out) {
        for (PciDev d : bus.entries()) {
            out.add(d);
            if (d.subordinate() != null) {
                collect(d.subordinate(), out);
            }
        }
    }

    @Benchmark
    public ErsResult walk(Walk s) {
        return s.sys.aer().broadcastOne(s.pf, "error_detected");
    }

    @Benchmark
    public ErsResult floor(Floor s) {
        ErsResult status = ErsResult.CAN_RECOVER;
        List<PciDev> devices = s.devices;
        for (int i = 0; i < devices.size(); i++) {
            PciDev d = devices.get(i);
            PciDriver drv = d.driver();
            ErrorHandlers h = drv == null ? null : drv.errHandler();
            if (h != null && h.errorDetected() != null) {
                status = ErsResult.mergeResult(status, h.errorDetected().apply(d));
            } else {
                status = ErsResult.mergeResult(status, d.isBridge() ? ErsResult.NONE : ErsResult.NO_AER_DRIVER);
            }
        }
        return status;
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar AerBench_01 -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc
     *
     * One size:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar AerBench_01 -p n=4096 -f 1 -prof gc
     */
}
