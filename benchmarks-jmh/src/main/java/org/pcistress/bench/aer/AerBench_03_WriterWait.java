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
import org.openjdk.jmh.infra.Control;
import org.pcistress.bench.Strategies;
import org.pcistress.bench.Topologies;
import org.pcistress.kernel.locking.AttachedTask;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.Drivers;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;

@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AerBench_03_WriterWait {

    /*
     * The question: while AER broadcasts an error over a bus, how long does a writer that adds or
     * removes a device on that bus wait for pci_bus_sem, when each driver's error_detected does real
     * work, and does the list snapshot stop that wait growing with the broadcast?
     *
     * The list snapshot exists for this writer. Upstream (v7.0), pci_walk_bus holds
     * pci_bus_sem for read across every callback, so a pci_device_add or pci_destroy_dev that wants
     * it for write waits for the rest of the walk, callbacks included: n devices times what each
     * driver's handler costs. With list-snapshot the read lock covers only the collection of the
     * devices (a list and a reference each); the callbacks run after up_read, so the writer waits at
     * most for a collection. deferred-enumeration changes SR-IOV enable, not the walk: a control that
     * should look like upstream.
     *
     * Two actors on one booted core (JMHSample_15_Asymmetric), each in a task attached for the
     * iteration (the kernel's threads are long-lived):
     *   aer     one broadcast of report_error_detected over bus 01 (AerRecovery.broadcastOne, as
     *           AerBench_01), back to back, as the AER IRQ thread.
     *   writer  while a broadcast is calling the handlers, what pciehp does for a card that comes
     *           and goes, on bus 01: under the rescan lock,
     *           pci_device_add of a new function (down_write(pci_bus_sem), list_add_tail), then under
     *           it again pci_stop_and_remove_bus_device of it (pci_destroy_dev: down_write,
     *           list_del). Two write acquisitions per operation; the function has no driver, so
     *           neither step does other work worth the name. SampleTime: its latency percentiles.
     * writerAlone() is the writer with no broadcast running: the baseline; the writer's wait is
     * the group's writer percentile minus writerAlone's.
     *
     * costUs is what each driver's error_detected does before it votes: a busy loop of 0, 1 or 10
     * microseconds (ErrorHandlers.recoveringAfter), on every PF, VF and endpoint driver. n is the
     * number of devices behind the root port (Topologies.wide). Expected, if the model is right:
     * upstream's writer waits for the rest of the walk (up to n × costUs and the walk's own cost)
     * for its first down_write and, as the AER thread's next down_read can come first, up to another
     * walk for its second; list-snapshot's writer runs between handlers without waiting, and at
     * worst waits for a collection, whatever costUs.
     *
     * No variant can deadlock: the writer holds the rescan lock, which the walk never takes, and
     * takes device_lock of its own function only while it holds no pci_bus_sem; the walk holds
     * device_lock only inside its read section, and the handlers take no lock. The trial fails if
     * the model reported anything.
     */

    @State(Scope.Group)
    public static class Bus {
        @Param({"16", "256"})
        public int n;

        @Param({"0", "1", "10"})
        public int costUs;

        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        Rig rig;

        @Setup(Level.Trial)
        public void boot() {
            rig = new Rig(n, costUs, strategy);
        }

        @TearDown(Level.Trial)
        public void check() {
            Strategies.requireClean(rig.sys, "writer wait");
        }
    }

    /** The same for the writer alone (no broadcast, so no handler cost), with its hotplug task. */
    @State(Scope.Thread)
    public static class Quiet {
        @Param({"16", "256"})
        public int n;

        @Param({Strategies.REVERT, Strategies.LIST_SNAPSHOT, Strategies.DEFERRED})
        public String strategy;

        Rig rig;
        AttachedTask task;

        @Setup(Level.Trial)
        public void boot() {
            rig = new Rig(n, 0, strategy);
        }

        @Setup(Level.Iteration)
        public void attach() {
            task = rig.sys.kernel().attach(rig.sys.pciehp().pciehpTaskName());
        }

        @TearDown(Level.Iteration)
        public void detach() {
            task.close();
            Strategies.requireClean(rig.sys, "writer alone");
        }
    }

    /** A booted core whose every driver's error_detected spins {@code costUs}, and a free function on bus 01. */
    static final class Rig {
        final PciSystem sys;
        final PciCore core;
        final PciDev pf;
        final PciBus bus;
        final String bdf;
        /** Set by the first error_detected of a broadcast, cleared by its last. */
        volatile boolean inCallbacks;
        /** Handlers a broadcast calls: the devices behind the root port with an error_detected. */
        int handlers;
        /** Handlers called so far in this broadcast (the AER thread's alone). */
        int called;

        Rig(int n, int costUs, String strategy) {
            long nanos = TimeUnit.MICROSECONDS.toNanos(costUs);
            Runnable work = () -> {
                if (called == 0) {
                    inCallbacks = true;
                }
                spin(nanos);
                if (++called == handlers) {
                    called = 0;
                    inCallbacks = false;
                }
            };
            Topology t = Topologies.wide(n)
                    .withPfDriver(Drivers.sriovPf(ErrorHandlers.recoveringAfter(work)))
                    .withVfDriver(Drivers.sriovVf(ErrorHandlers.withoutSlotResetAfter(work)))
                    .withEndpointDriver(Drivers.endpoint(ErrorHandlers.recoveringAfter(work)));
            sys = Strategies.bootSettled(strategy, t);
            core = sys.core();
            pf = sys.device(Topology.PF);
            bus = core.bus(1);
            bdf = freeFunction(bus);
            handlers = (int) AerBench_01_BusWalk.devices(sys).stream()
                    .filter(d -> d.driver() != null && d.driver().errHandler() != null).count();
        }
    }

    /** The AER IRQ thread, attached to the benchmark thread for an iteration. */
    @State(Scope.Thread)
    public static class Aer {
        AttachedTask task;

        @Setup(Level.Iteration)
        public void attach(Bus b) {
            task = b.rig.sys.kernel().attach(b.rig.sys.aer().aerTaskName());
        }

        @TearDown(Level.Iteration)
        public void detach() {
            task.close();
        }
    }

    /** The hotplug thread (irq/…-pciehp), attached likewise. */
    @State(Scope.Thread)
    public static class Hotplug {
        AttachedTask task;

        @Setup(Level.Iteration)
        public void attach(Bus b) {
            task = b.rig.sys.kernel().attach(b.rig.sys.pciehp().pciehpTaskName());
        }

        @TearDown(Level.Iteration)
        public void detach() {
            task.close();
        }
    }

    /** A busy loop of {@code nanos}: a handler's work, on the CPU, no lock. */
    static void spin(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    /** A function number on {@code bus} that nothing uses. */
    static String freeFunction(PciBus bus) {
        for (int dev = 0x1f; dev >= 0; dev--) {
            for (int fn = 7; fn >= 0; fn--) {
                String bdf = String.format("%02x:%02x.%x", bus.number(), dev, fn);
                if (bus.entries().stream().noneMatch(d -> d.bdf().equals(bdf))) {
                    return bdf;
                }
            }
        }
        throw new IllegalStateException("bus " + bus.name() + " is full");
    }

    /** Add a function to the bus, then remove it, each under the rescan lock as pciehp does. */
    static PciDev addAndRemove(Rig b) {
        PciCore core = b.core;
        PciDev dev = core.allocDev(b.bdf, DeviceRole.ENDPOINT, b.bus, 0, null, -1);
        core.rescanRemoveLock().lock(); // pci_lock_rescan_remove()
        try {
            core.probe().pciDeviceAdd(dev, b.bus);
        } finally {
            core.rescanRemoveLock().unlock();
        }
        core.rescanRemoveLock().lock();
        try {
            core.remove().pciStopAndRemoveBusDevice(dev);
        } finally {
            core.rescanRemoveLock().unlock();
        }
        return dev;
    }

    @Benchmark
    @Group("broadcast")
    @GroupThreads(1)
    public ErsResult aer(Bus b, Aer a) {
        try {
            return b.rig.sys.aer().broadcastOne(b.rig.pf, "error_detected");
        } finally {
            b.rig.called = 0; // the last handler has cleared the flag; this is a backstop
            b.rig.inCallbacks = false;
        }
    }

    /**
     * Starts while a broadcast is calling its handlers (from its first to its last), then adds and
     * removes. Broadcasts run back to back, but on a busy machine the AER thread can be off the CPU
     * between two for long enough that a writer running free then would measure only itself. An
     * operation that starts between two broadcasts therefore includes the gap to the next one's
     * first handler: under list-snapshot about a collection, the same order as the wait it measures.
     */
    @Benchmark
    @Group("broadcast")
    @GroupThreads(1)
    public PciDev writer(Bus b, Hotplug h, Control control) {
        while (!b.rig.inCallbacks && !control.stopMeasurement) {
            Thread.onSpinWait();
        }
        return addAndRemove(b.rig);
    }

    @Benchmark
    public PciDev writerAlone(Quiet q) {
        return addAndRemove(q.rig);
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar AerBench_03 -f 1 -wi 2 -w 1s -i 3 -r 1s
     *
     * One size and cost, the writer's percentiles only:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar 'AerBench_03.*broadcast' -p n=256 -p costUs=10
     */
}
