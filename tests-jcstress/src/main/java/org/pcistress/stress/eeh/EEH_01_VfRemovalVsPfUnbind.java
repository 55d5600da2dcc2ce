package org.pcistress.stress.eeh;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;
import static org.pcistress.stress.shared.Outcomes.FORBIDDEN_HERE;
import static org.pcistress.stress.shared.Outcomes.HUNG_TASK_DESC;
import static org.pcistress.stress.shared.Outcomes.LOCKING_BUG_DESC;
import static org.pcistress.stress.shared.Outcomes.OTHER_DESC;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;
import org.pcistress.stress.shared.ModelSample;

/**
 * EEH_01: sysfs unbind of the PF races EEH removal of one of its VFs (§14 S6; O'Halloran 2020,
 * "VFs and the rescan/remove lock"). The PF driver's .remove disables SR-IOV and removes every VF
 * through pci_iov_remove_virtfn; eeh_rmv_device removes a VF through the same function. Neither holds
 * the rescan lock in v5.10. v6.18 gives it to sriov_del_vfs (05703271c3cd) and holds it across the
 * whole EEH recovery (1010b4c012b0), where eeh_pe_bus_get takes it again: eehd self-deadlocks (the
 * 6.18-rc3 "possible recursive locking" report) before it can race anything. With that recursion
 * fixed (815a8d2feb56, in 6.18-stable) the two removals serialise on the rescan lock.
 * The VFs have no driver (the VF driver is not loaded): no driver votes, so EEH resets "with hotplug
 * activity" and removes the VF ({@code eeh_reset_device}); a VF driver voting CAN_RECOVER would be
 * resumed and nothing removed. Topology: {@code Topology.standard().withNumVfsAtBoot(2).withVfDriverAtBoot(false)}.
 *
 * <pre>
 * Actor 1, unbind_store(01:00.0):  device_lock(PF) → device_release_driver → .remove
 *     → pci_disable_sriov → sriov_disable → sriov_del_vfs (v6.18: rescan_remove)
 *     → pci_iov_remove_virtfn(PF, 0) → pci_stop_and_remove_bus_device(VF) → device_lock(VF),
 *       down_write(pci_bus_sem), pci_dev_put(VF)
 * Actor 2, eehd(01:00.2):  eeh_handle_normal_event (v6.18: rescan_remove, then eeh_pe_bus_get:
 *     rescan_remove again) → eeh_pe_report error_detected (device_lock(VF))
 *     (no driver: no vote) → eeh_reset_device → eeh_rmv_device → pci_iov_remove_virtfn(PF, 0)
 *     (no rescan lock)
 *     → pci_stop_and_remove_bus_device(VF)
 *
 * Lock chain:  unbind: &amp;dev-&gt;mutex(PF) [→ rescan_remove (v6.18)] → &amp;dev-&gt;mutex(VF), pci_bus_sem(W)
 *              eehd:   &amp;dev-&gt;mutex(VF); then &amp;dev-&gt;mutex(VF), pci_bus_sem(W): no common outer lock
 *   detach-outside-rescan: both removals of the VF run under rescan_remove; drivers are detached first
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t EEH_01 -m quick}
 *
 * <p>Observed (pcistress stress --tests 'AER_01|Cross_01|EEH_01|SRIOV_02' --budget 14m, i.e. jcstress -m quick
 * -iters 5 -time 2806 -strideSize 16 -strideCount 4 -sc false -jvmArgs …; both JDK 17
 * configurations; 2 CPUs of a shared box at load ~20; 12m37s for the 16 variants; no TIMEOUT):
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.eeh.EEH_01_VfRemovalVsPfUnbind.Upstream510
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  A wait-for cycle. Forbidden here.
 *        DOUBLE_REMOVE       72    0.47%  Interesting  Both paths stopped or destroyed VF 01:00.2.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%  Interesting  Bus 01's device list was unlinked twice.
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK   15,126   99.08%   Acceptable  One path removed the VF before the other looked it up.
 *   REFCOUNT_UNDERFLOW        0    0.00%  Interesting  The two paths dropped more references to the VF than it had.
 *       USE_AFTER_FREE       68    0.45%  Interesting  One path used VF 01:00.2 after the other dropped its last...
 *
 * .......... [OK] org.pcistress.stress.eeh.EEH_01_VfRemovalVsPfUnbind.Upstream618
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK    5,858   45.19%  Interesting  eehd takes pci_rescan_remove_lock again in eeh_pe_bus_get...
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Unreachable: eehd deadlocks before it removes anything, a...
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%    Forbidden  Unreachable: eehd deadlocks before it removes anything.
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK    7,104   54.81%   Acceptable  The unbind removed the VF before eehd saw it, or eehd ran...
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  Unreachable: eehd deadlocks before it removes anything.
 *       USE_AFTER_FREE        0    0.00%    Forbidden  Unreachable: eehd deadlocks before it removes anything.
 *
 * .......... [OK] org.pcistress.stress.eeh.EEH_01_VfRemovalVsPfUnbind.FixedEehBusGetNolock
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  A wait-for cycle. Forbidden here.
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Both paths stopped or destroyed VF 01:00.2. Forbidden here.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%    Forbidden  Bus 01's device list was unlinked twice. Forbidden here.
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK   12,258  100.00%   Acceptable  The two removals serialise on the rescan lock; the second...
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  The two paths dropped more references to the VF than it h...
 *       USE_AFTER_FREE        0    0.00%    Forbidden  One path used VF 01:00.2 after the other dropped its last...
 *
 * .......... [OK] org.pcistress.stress.eeh.EEH_01_VfRemovalVsPfUnbind.FixedDetachOutsideRescan
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  A wait-for cycle. Forbidden here.
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Both paths stopped or destroyed VF 01:00.2. Forbidden here.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%    Forbidden  Bus 01's device list was unlinked twice. Forbidden here.
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK   10,722  100.00%   Acceptable  The two removals serialise on the rescan lock; the second...
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  The two paths dropped more references to the VF than it h...
 *       USE_AFTER_FREE        0    0.00%    Forbidden  One path used VF 01:00.2 after the other dropped its last...
 * </pre>
 */
public final class EEH_01_VfRemovalVsPfUnbind {
    // The outcome descriptions its variants share; a variant that forbids one appends FORBIDDEN_HERE.
    static final String DOUBLE_REMOVE_DESC = "Both paths stopped or destroyed VF 01:00.2.";
    static final String USE_AFTER_FREE_DESC = "One path used VF 01:00.2 after the other dropped its last reference.";
    static final String REFCOUNT_UNDERFLOW_DESC = "The two paths dropped more references to the VF than it had.";
    static final String LIST_CORRUPTION_DESC = "Bus 01's device list was unlinked twice.";
    static final String DEADLOCK_DESC = "A wait-for cycle.";
    static final String OK_DESC = "The two removals serialise on the rescan lock; the second finds the VF gone.";

    private EEH_01_VfRemovalVsPfUnbind() {
    }

    /**
     * The outcomes every {@code Fixed*} variant shares, read by jcstress through {@code @JCStressMeta}:
     * each bug of the race is forbidden; a fix variant adds only its own {@code OK}.
     */
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = DEADLOCK_DESC + FORBIDDEN_HERE)
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = REFCOUNT_UNDERFLOW_DESC + FORBIDDEN_HERE)
    @Outcome(id = "LIST_CORRUPTION", expect = FORBIDDEN, desc = LIST_CORRUPTION_DESC + FORBIDDEN_HERE)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    static final class FixedOutcomes {
        private FixedOutcomes() {
        }
    }

    /** A fresh core with the PF bound and two VFs; actor 1 unbinds the PF, actor 2 freezes VF 01:00.2. */
    abstract static class Sample extends ModelSample {
        Sample(Profile profile) {
            super(profile, Topology.standard().withNumVfsAtBoot(2).withVfDriverAtBoot(false));
        }

        /** {@code echo 01:00.0 > …/sriov_pf/unbind}: .remove disables SR-IOV. */
        void unbindPf() {
            sys.entry().unbindStore(Topology.PF);
        }

        /** An EEH freeze of VF 01:00.2: eehd removes it (its driver has no slot_reset). */
        void eehFreezeVf() {
            sys.entry().eehEvent("01:00.2");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v5.10: no rescan lock on either path; removal flags are checked, then cleared.
     *
     * <p>Result: Sometimes DOUBLE_REMOVE, USE_AFTER_FREE, REFCOUNT_UNDERFLOW, LIST_CORRUPTION
     * <p>Not observed: REFCOUNT_UNDERFLOW (0 of the 15,266 samples above)
     * <p>Not observed: LIST_CORRUPTION (0 of the 15,266 samples above)
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "One path removed the VF before the other looked it up.")
    @Outcome(id = "DOUBLE_REMOVE", expect = ACCEPTABLE_INTERESTING, desc = DOUBLE_REMOVE_DESC)
    @Outcome(id = "USE_AFTER_FREE", expect = ACCEPTABLE_INTERESTING, desc = USE_AFTER_FREE_DESC)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = ACCEPTABLE_INTERESTING, desc = REFCOUNT_UNDERFLOW_DESC)
    @Outcome(id = "LIST_CORRUPTION", expect = ACCEPTABLE_INTERESTING, desc = LIST_CORRUPTION_DESC)
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = DEADLOCK_DESC + FORBIDDEN_HERE)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
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
     * v6.18: sriov_del_vfs takes the rescan lock (05703271c3cd) and eeh_handle_normal_event holds it
     * for the whole recovery (1010b4c012b0); eeh_pe_bus_get takes it again, so eehd self-deadlocks
     * whenever the VF is still there to recover. The VF race cannot happen behind it: the explorer
     * proves the cell unbind_pf+eeh_vf shows only DEADLOCK over every schedule with ≤2 preemptions.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "The unbind removed the VF before eehd saw it, or eehd ran after.")
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = "eehd takes pci_rescan_remove_lock again in eeh_pe_bus_get "
            + "while eeh_handle_normal_event holds it (1010b4c012b0; the 6.18-rc3 recursive-locking report).")
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = "Unreachable: eehd deadlocks before it removes anything, and the flags are atomic.")
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = "Unreachable: eehd deadlocks before it removes anything.")
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = "Unreachable: eehd deadlocks before it removes anything.")
    @Outcome(id = "LIST_CORRUPTION", expect = FORBIDDEN, desc = "Unreachable: eehd deadlocks before it removes anything.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
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
     * v6.18 with 815a8d2feb56 (eeh_pe_bus_get_nolock, in 6.18-stable): eehd no longer re-takes the
     * rescan lock it holds, so its VF removal runs under that lock, as sriov_del_vfs's does: the
     * two removals serialise. Proven by the explorer for unbind_pf+eeh_vf (≤2 preemptions).
     *
     * <p>Result: Never
     */
    @JCStressTest
    @JCStressMeta(FixedOutcomes.class)
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
    @State
    public static class FixedEehBusGetNolock extends Sample {
        static final Profile PROFILE = Profiles.named("v6.18+eeh-bus-get-nolock");

        public FixedEehBusGetNolock() {
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
    @JCStressMeta(FixedOutcomes.class)
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
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
