package org.pcistress.stress.eeh;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;
import org.pcistress.model.Topology;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;
import org.pcistress.stress.shared.ModelSample;

/**
 * EEH_01: sysfs unbind of the PF races EEH removal of one of its VFs (§14 S6; O'Halloran 2020,
 * "VFs and the rescan/remove lock"). The PF driver's .remove disables SR-IOV and removes every VF
 * through pci_iov_remove_virtfn; eeh_rmv_device removes a VF through the same function. Neither holds
 * the rescan lock in v5.10; v6.18 (05703271c3cd) gives it to sriov_del_vfs only, so the EEH branch
 * still races it. Topology: {@code Topology.standard().withNumVfsAtBoot(2)}.
 *
 * <pre>
 * Actor 1, unbind_store(01:00.0):  device_lock(PF) → device_release_driver → .remove
 *     → pci_disable_sriov → sriov_disable → sriov_del_vfs ((v6.18: rescan_remove))
 *     → pci_iov_remove_virtfn(PF, 0) → pci_stop_and_remove_bus_device(VF) → device_lock(VF),
 *       down_write(pci_bus_sem), pci_dev_put(VF)
 * Actor 2, eehd(01:00.2):  eeh_handle_normal_event → eeh_pe_report error_detected (device_lock(VF))
 *     → eeh_rmv_device → pci_iov_remove_virtfn(PF, 0) (no rescan lock)
 *     → pci_stop_and_remove_bus_device(VF)
 *
 * Lock chain:  unbind: &amp;dev-&gt;mutex(PF) [→ rescan_remove (v6.18)] → &amp;dev-&gt;mutex(VF), pci_bus_sem(W)
 *              eehd:   &amp;dev-&gt;mutex(VF); then &amp;dev-&gt;mutex(VF), pci_bus_sem(W): no common outer lock
 *   detach-outside-rescan: both removals of the VF run under rescan_remove; drivers are detached first
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t EEH_01 -m quick}
 *
 * <p>Observed: TABLE
 */
public final class EEH_01_VfRemovalVsPfUnbind {
    private EEH_01_VfRemovalVsPfUnbind() {
    }

    /** A fresh core with the PF bound and two VFs; actor 1 unbinds the PF, actor 2 freezes VF 01:00.2. */
    abstract static class Sample extends ModelSample {
        Sample(Profile profile) {
            super(profile, Topology.standard().withNumVfsAtBoot(2));
        }

        /** {@code echo 01:00.0 > …/sriov_pf/unbind}: .remove disables SR-IOV. */
        void unbindPf() {
            core.entry().unbindStore(Topology.PF);
        }

        /** An EEH freeze of VF 01:00.2: eehd removes it (its driver has no slot_reset). */
        void eehFreezeVf() {
            core.entry().eehEvent("01:00.2");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v5.10: no rescan lock on either path; removal flags are checked, then cleared.
     *
     * <p>Result: Sometimes DOUBLE_REMOVE, USE_AFTER_FREE, REFCOUNT_UNDERFLOW, LIST_CORRUPTION
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "One path removed the VF before the other looked it up.")
    @Outcome(id = "DOUBLE_REMOVE", expect = ACCEPTABLE_INTERESTING, desc = "Both paths stopped or destroyed VF 01:00.2.")
    @Outcome(id = "USE_AFTER_FREE", expect = ACCEPTABLE_INTERESTING, desc = "One path used VF 01:00.2 after the other dropped its last reference.")
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = ACCEPTABLE_INTERESTING, desc = "The two paths dropped more references to the VF than it had.")
    @Outcome(id = "LIST_CORRUPTION", expect = ACCEPTABLE_INTERESTING, desc = "Bus 01's device list was unlinked twice.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "A wait-for cycle. Forbidden here.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = "A wait hit the hung-task backstop: a cycle the detector missed, or a lost "
            + "wake-up.")
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = "A primitive was misused (bad unlock, lock held at exit).")
    @Outcome(expect = FORBIDDEN, desc = "Any other report: a failure this race cannot produce.")
    @State
    public static class Upstream510 extends Sample {
        static final Profile PROFILE = Profiles.named("v5.10");

        public Upstream510() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            unbindPf();
        }

        @Actor
        public void actor2() {
            eehFreezeVf();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v6.18 (05703271c3cd): sriov_del_vfs takes the rescan lock, the EEH VF branch does not;
     * atomic added/removed flags.
     *
     * <p>Result: Sometimes DOUBLE_REMOVE, USE_AFTER_FREE, REFCOUNT_UNDERFLOW, LIST_CORRUPTION
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "One path removed the VF before the other looked it up.")
    @Outcome(id = "DOUBLE_REMOVE", expect = ACCEPTABLE_INTERESTING, desc = "Both paths stopped or destroyed VF 01:00.2.")
    @Outcome(id = "USE_AFTER_FREE", expect = ACCEPTABLE_INTERESTING, desc = "One path used VF 01:00.2 after the other dropped its last reference.")
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = ACCEPTABLE_INTERESTING, desc = "The two paths dropped more references to the VF than it had.")
    @Outcome(id = "LIST_CORRUPTION", expect = ACCEPTABLE_INTERESTING, desc = "Bus 01's device list was unlinked twice.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "A wait-for cycle. Forbidden here.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = "A wait hit the hung-task backstop: a cycle the detector missed, or a lost "
            + "wake-up.")
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = "A primitive was misused (bad unlock, lock held at exit).")
    @Outcome(expect = FORBIDDEN, desc = "Any other report: a failure this race cannot produce.")
    @State
    public static class Upstream618 extends Sample {
        static final Profile PROFILE = Profiles.named("v6.18");

        public Upstream618() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            unbindPf();
        }

        @Actor
        public void actor2() {
            eehFreezeVf();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Fix detach-outside-rescan (O'Halloran's 2020 direction) on v5.10: the EEH VF branch and
     * sriov_del_vfs both take the rescan lock; drivers are detached before it.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "The two removals serialise on the rescan lock; the second finds the VF gone.")
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = "Both paths stopped or destroyed VF 01:00.2. Forbidden here.")
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = "One path used VF 01:00.2 after the other dropped its last reference. Forbidden "
            + "here.")
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = "The two paths dropped more references to the VF than it had. Forbidden here.")
    @Outcome(id = "LIST_CORRUPTION", expect = FORBIDDEN, desc = "Bus 01's device list was unlinked twice. Forbidden here.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "A wait-for cycle. Forbidden here.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = "A wait hit the hung-task backstop: a cycle the detector missed, or a lost "
            + "wake-up.")
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = "A primitive was misused (bad unlock, lock held at exit).")
    @Outcome(expect = FORBIDDEN, desc = "Any other report: a failure this race cannot produce.")
    @State
    public static class FixedDetachOutsideRescan extends Sample {
        static final Profile PROFILE = Profiles.named("v5.10+detach-outside-rescan");

        public FixedDetachOutsideRescan() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            unbindPf();
        }

        @Actor
        public void actor2() {
            eehFreezeVf();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }
}
