package org.pcistress.bench.sriov;

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
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;

@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class SriovBench_01_ProbeTimeEnable {

    /*
     * The question: a PF driver that enables its VFs in probe (the 2017 report's kind): how long
     * until probe returns, and how long until every VF is on the bus with its driver bound, when
     * enumeration is synchronous (v7.0) and when it is deferred to a work item
     * (deferred-enumeration)?
     *
     * One operation is a bind of the PF driver (echo 01:00.0 > .../bind): driver core takes
     * device_lock(PF) and probes; probe calls pci_enable_sriov(PF, vfs).
     *   synchronous  sriov_enable adds each VF (pci_device_add: pci_bus_sem for write) and probes
     *                it, all before probe returns, device_lock(PF) held throughout. This nesting
     *                is what deadlocks against an AER walk (S1).
     *   deferred     sriov_enable queues the enumeration and returns; a kworker adds and binds
     *                the VFs later, without device_lock(PF).
     *
     * probeReturns() times the bind alone; allVfsBound() times the bind and then polls (yielding
     * the CPU, bounded by 5 s) until every VF is registered and bound. The fix should make the first
     * shorter and, by the kworker's start-up and hand-off, the second longer: that difference is
     * its price. Before each operation (untimed) the PF is unbound, which disables SR-IOV and,
     * under deferred-enumeration, first flushes the work item.
     *
     * No NUMA node: the PF probes inline rather than in a work_on_cpu kworker, so the synchronous
     * case starts no thread and the deferred one starts exactly one (its work item).
     */

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** 0 is the baseline: the same bind, a probe that enables nothing. */
    @Param({"0", "2", "6"})
    public int vfs;

    @Param({Strategies.REVERT, Strategies.DEFERRED})
    public String strategy;

    PciSystem sys;
    String pf;
    String driver;
    String[] vfBdfs;

    /** A fresh core per iteration: the kernel keeps every task it ran. */
    @Setup(Level.Iteration)
    public void boot() {
        Topology t = Topology.enablingVfsInProbe(vfs).withTotalVfs(6).withNumaNode(false);
        sys = PciSystem.boot(Strategies.profile(strategy), t, Strategies.config());
        pf = t.pf();
        driver = t.pfDriver().name();
        vfBdfs = new String[vfs];
        for (int i = 0; i < vfs; i++) {
            vfBdfs[i] = t.vf(i);
        }
        if (sys.entry().driverLoad(driver) != 0) {
            throw new IllegalStateException("modprobe " + driver + " failed");
        }
        awaitAllBound();
    }

    /**
     * Untimed: back to an unbound PF with SR-IOV off. The VFs go first through sriov_numvfs, which
     * holds the rescan lock around sriov_configure on v7.0 (a5338e365c45): unbinding with
     * VFs enabled would reach pci_stop_and_remove_bus_device without it and trip its lockdep assert
     * (a real warning on that kernel, docs/FINDINGS.md, but not what this benchmark measures).
     */
    @Setup(Level.Invocation)
    public void unbind() {
        PciDev dev = sys.device(pf);
        if (dev == null || dev.driver() == null) {
            return;
        }
        if (dev.numVfs() != 0 && sys.entry().sriovNumvfsStore(pf, 0) != 0) {
            throw new IllegalStateException("echo 0 > sriov_numvfs of " + pf + " failed");
        }
        if (sys.entry().unbindStore(pf) != 0) {
            throw new IllegalStateException("unbind of " + pf + " failed");
        }
    }

    @TearDown(Level.Iteration)
    public void check() {
        sys.kernel().quiesce();
        Strategies.requireClean(sys, "probe-time enable");
    }

    @Benchmark
    public int probeReturns() {
        return sys.entry().bindStore(pf, driver);
    }

    @Benchmark
    public int allVfsBound() {
        int rc = sys.entry().bindStore(pf, driver);
        awaitAllBound();
        return rc;
    }

    private void awaitAllBound() {
        long deadline = System.nanoTime() + WAIT_NANOS;
        for (int i = 0; i < vfBdfs.length; i++) {
            for (;;) {
                PciDev vf = sys.device(vfBdfs[i]);
                if (vf != null && vf.driver() != null) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(vfBdfs[i] + " not bound 5 s after the PF's probe");
                }
                Thread.yield(); // on a busy 2-core machine the kworker needs this sys
            }
        }
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar SriovBench_01 -f 1 -wi 2 -w 1s -i 3 -r 1s
     */
}
