package org.pcistress.bench.model;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pcistress.bench.Strategies;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ModelBench_00_Boot {

    /*
     * The question: what does one PciSystem.boot of the standard topology cost? jcstress boots a
     * fresh core for every sample of every test, so this number, times the samples a run takes,
     * is the part of a stress run spent booting: it sizes the stress suite.
     *
     * One operation is PciSystem.boot(v7.0, Topology.standard(), config): a new Kernel,
     * task swapper/0 scanning bus 00 and bus 01 (root port, PF), pci_bus_add_devices, then the PF
     * and VF drivers registering and __driver_attach probing the PF inline. No VFs, no kworker
     * (BootShapeTest checks that shape). checking is the kernel configuration:
     *
     *   off       wait-for detector and lockdep validator off
     *   detector  the detector on, the validator off (what the model benchmarks run with)
     *   both      both on: KernelConfig.defaults(), what jcstress and the explorer run with
     *
     * baseline() is new Kernel(config) alone: the part of a boot that is not PCI work.
     */

    @State(Scope.Benchmark)
    public static class Config {
        @Param({"off", "detector", "both"})
        public String checking;

        KernelConfig config;
        Profile profile;
        Topology topology;

        @Setup
        public void setup() {
            config = switch (checking) {
                case "off" -> KernelConfig.defaults().withDetector(false).withValidator(false);
                case "detector" -> KernelConfig.defaults().withValidator(false);
                case "both" -> KernelConfig.defaults();
                default -> throw new IllegalArgumentException("checking=" + checking);
            };
            profile = Strategies.profile(Strategies.REVERT);
            topology = Topology.standard();
        }
    }

    @Benchmark
    public Kernel baseline(Config c) {
        return new Kernel(c.config);
    }

    @Benchmark
    public PciSystem boot(Config c) {
        return PciSystem.boot(c.profile, c.topology, c.config);
    }

    /*
     * HOW TO RUN THIS TEST:
     *
     *   $ java -jar benchmarks-jmh/target/benchmarks.jar ModelBench_00 -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
     */
}
