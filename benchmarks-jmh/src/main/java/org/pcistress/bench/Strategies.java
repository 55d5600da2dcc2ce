package org.pcistress.bench;

import java.util.List;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * The {@code @Param strategy} values of the model benchmarks and what they boot: the v6.19 tree
 * with the revert of 05703271c3cd (what ships), and that profile plus one proposed fix.
 *
 * <p>The model runs with the wait-for detector on, so a deadlock that slipped into a benchmark
 * ends it with an exception instead of a 5 s hung-task stall per operation, and with the lockdep
 * validator off: its cost is LockingBench_01's question, not these.
 */
public final class Strategies {
    /** The shipping profile. */
    public static final String REVERT = "v7.0";
    /** The 2017 proposal: AER collects referenced devices under pci_bus_sem, reports after up_read. */
    public static final String LIST_SNAPSHOT = "list-snapshot";
    /** Bjorn Helgaas' suggestion: VF enumeration is queued to a work item. */
    public static final String DEFERRED = "deferred-enumeration";

    public static final List<String> ALL = List.of(REVERT, LIST_SNAPSHOT, DEFERRED);

    private Strategies() {
    }

    /** The profile a strategy names. */
    public static Profile profile(String strategy) {
        return Profiles.named(strategy.equals(REVERT) ? REVERT : REVERT + "+" + strategy);
    }

    /** Detector on, validator off (see the class comment). */
    public static KernelConfig config() {
        return KernelConfig.defaults().withValidator(false);
    }

    /**
     * Boots {@code topology} under {@code strategy} and waits for the work the boot queued: under
     * deferred-enumeration the VFs enabled at boot are enumerated by work items after
     * {@code sriov_numvfs} returns, and a benchmark must not start before they are on the bus.
     */
    public static PciSystem bootSettled(String strategy, Topology topology) {
        PciSystem sys = PciSystem.boot(profile(strategy), topology, config());
        if (!sys.kernel().quiesce()) {
            var reports = sys.kernel().reports();
            throw new IllegalStateException("the work queued at boot did not finish"
                    + (reports.isEmpty() ? "" : ": " + reports.get(reports.size() - 1)));
        }
        requireClean(sys, "boot");
        return sys;
    }

    /**
     * Fails the trial when the model reported a failure (a deadlock, a use-after-free, a missed
     * broadcast): a benchmark of a broken run measures nothing.
     */
    public static void requireClean(PciSystem sys, String what) {
        var failures = sys.kernel().failures();
        if (!failures.isEmpty()) {
            throw new IllegalStateException(what + ": the model reported " + failures.size() + " failure(s), first: "
                    + failures.get(0));
        }
    }
}
