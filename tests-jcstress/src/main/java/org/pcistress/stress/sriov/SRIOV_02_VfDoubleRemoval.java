package org.pcistress.stress.sriov;

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
 * SRIOV_02: two removal paths on the same VFs, one without the rescan lock (§14 S5, the s390 double
 * removal behind 05703271c3cd): the PF driver's unload disables SR-IOV, which removes each VF with no
 * rescan lock in v5.10 and v7.0, while a hot-unplug of the slot removes the PF and its VFs
 * under it. v6.18 closes that window with the rescan lock in sriov_del_vfs and opens an ABBA (and, on
 * the unplug path, a recursion); Nechita's reentrant lock cures the recursion but keeps the ABBA (its
 * known gap, "unbind vs hotplug event"). Topology: {@code Topology.standard().withNumVfsAtBoot(2)}.
 *
 * <pre>
 * Actor 1, rmmod sriov_pf:  pci_unregister_driver → driver_detach → device_lock(PF)
 *     → device_release_driver → .remove → pci_disable_sriov → sriov_del_vfs (v6.18: rescan_remove)
 *     → pci_iov_remove_virtfn(PF, i) → pci_stop_and_remove_bus_device(VF i)
 * Actor 2, irq/pciehp (slot 1):  pciehp_unconfigure_device → rescan_remove → reverse safe walk of bus 01
 *     → pci_dev_get → pci_stop_and_remove_bus_device(dev) → pci_stop_dev → device_release_driver
 *       (device_lock(dev); for the PF: .remove → pci_disable_sriov → sriov_del_vfs)
 *
 * Lock chain:  v5.10:  rmmod: &amp;dev-&gt;mutex(PF) → &amp;dev-&gt;mutex(VF), pci_bus_sem(W)      (no rescan_remove)
 *                      pciehp: rescan_remove → &amp;dev-&gt;mutex(VF|PF), pci_bus_sem(W)
 *              v6.18:  rmmod: &amp;dev-&gt;mutex(PF) → rescan_remove;  pciehp: rescan_remove → &amp;dev-&gt;mutex(PF)
 *   detach-outside-rescan: pciehp detaches drivers before rescan_remove; sriov_del_vfs takes it
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t SRIOV_02 -m quick}
 *
 * <p>Observed (pcistress stress --tests 'AER_01|Cross_01|EEH_01|SRIOV_02' --budget 14m, i.e. jcstress -m quick
 * -iters 5 -time 2806 -strideSize 16 -strideCount 4 -sc false -jvmArgs …; both JDK 17
 * configurations; 2 CPUs of a shared box at load ~20; 12m37s for the 16 variants; no TIMEOUT):
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_02_VfDoubleRemoval.Upstream510
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  rmmod holds dl(PF) and wants rescan_remove in sriov_del_v...
 *        DOUBLE_REMOVE      562    3.44%  Interesting  Both paths stopped or destroyed the same VF.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION      826    5.05%  Interesting  Bus 01's device list was unlinked twice or walked after a...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK   14,966   91.51%   Acceptable  One path removed the VFs before the other reached them.
 *   REFCOUNT_UNDERFLOW        0    0.00%  Interesting  The two paths dropped more references to a VF than it had.
 *       USE_AFTER_FREE        0    0.00%  Interesting  A VF was used after the other path dropped its last refer...
 *
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_02_VfDoubleRemoval.Upstream618
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK    2,077   25.45%  Interesting  rmmod holds dl(PF) and wants rescan_remove in sriov_del_v...
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Both paths stopped or destroyed the same VF. Forbidden here.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%    Forbidden  Bus 01's device list was unlinked twice or walked after a...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK    6,085   74.55%   Acceptable  rmmod ran first: the unplug found no VFs and no driver.
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  The two paths dropped more references to a VF than it had...
 *       USE_AFTER_FREE        0    0.00%    Forbidden  A VF was used after the other path dropped its last refer...
 *
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_02_VfDoubleRemoval.Upstream70
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  rmmod holds dl(PF) and wants rescan_remove in sriov_del_v...
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Atomic added/removed flags: a second stop or destroy of o...
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION      592    2.23%  Interesting  Bus 01's device list was unlinked twice or walked after a...
 *          LOCKING_BUG   23,243   87.61%  Interesting  lockdep_assert_held(&amp;pci_rescan_remove_lock) fails in pci...
 *                   OK    2,685   10.12%   Acceptable  One path removed the VFs before the other reached them.
 *   REFCOUNT_UNDERFLOW        0    0.00%  Interesting  The two paths dropped more references to a VF than it had.
 *       USE_AFTER_FREE       10    0.04%  Interesting  A VF was used after the other path dropped its last refer...
 *
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_02_VfDoubleRemoval.ProposalReentrantRescan
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK    1,465    6.68%  Interesting  rmmod holds dl(PF) and wants rescan_remove in sriov_del_v...
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Both paths stopped or destroyed the same VF. Forbidden here.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%    Forbidden  Bus 01's device list was unlinked twice or walked after a...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK   20,457   93.32%   Acceptable  The two removals did not overlap.
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  The two paths dropped more references to a VF than it had...
 *       USE_AFTER_FREE        0    0.00%    Forbidden  A VF was used after the other path dropped its last refer...
 *
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_02_VfDoubleRemoval.FixedDetachOutsideRescan
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  rmmod holds dl(PF) and wants rescan_remove in sriov_del_v...
 *        DOUBLE_REMOVE        0    0.00%    Forbidden  Both paths stopped or destroyed the same VF. Forbidden here.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LIST_CORRUPTION        0    0.00%    Forbidden  Bus 01's device list was unlinked twice or walked after a...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *                   OK   19,362  100.00%   Acceptable  Both removals of a VF run under the rescan lock; drivers ...
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  The two paths dropped more references to a VF than it had...
 *       USE_AFTER_FREE        0    0.00%    Forbidden  A VF was used after the other path dropped its last refer...
 * </pre>
 */
public final class SRIOV_02_VfDoubleRemoval {
    // The outcome descriptions its variants share; a variant that forbids one appends FORBIDDEN_HERE.
    static final String OK_DESC = "One path removed the VFs before the other reached them.";
    static final String DOUBLE_REMOVE_DESC = "Both paths stopped or destroyed the same VF.";
    static final String USE_AFTER_FREE_DESC = "A VF was used after the other path dropped its last reference.";
    static final String REFCOUNT_UNDERFLOW_DESC = "The two paths dropped more references to a VF than it had.";
    static final String LIST_CORRUPTION_DESC = "Bus 01's device list was unlinked twice or walked after an unlink.";
    static final String DEADLOCK_DESC = "rmmod holds dl(PF) and wants rescan_remove in sriov_del_vfs; pciehp holds rescan_remove and "
            + "wants dl(PF) (or re-takes it in sriov_del_vfs).";

    private SRIOV_02_VfDoubleRemoval() {
    }

    /**
     * The outcomes every {@code Fixed*} variant shares, read by jcstress through {@code @JCStressMeta}:
     * each bug of the race is forbidden; a fix variant adds only its own {@code OK}.
     */
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = REFCOUNT_UNDERFLOW_DESC + FORBIDDEN_HERE)
    @Outcome(id = "LIST_CORRUPTION", expect = FORBIDDEN, desc = LIST_CORRUPTION_DESC + FORBIDDEN_HERE)
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = DEADLOCK_DESC + FORBIDDEN_HERE)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    static final class FixedOutcomes {
        private FixedOutcomes() {
        }
    }

    /** A fresh core with the PF bound and two VFs; actor 1 unloads the PF driver, actor 2 pulls the card. */
    abstract static class Sample extends ModelSample {
        Sample(Profile profile) {
            super(profile, Topology.standard().withNumVfsAtBoot(2));
        }

        /** {@code rmmod sriov_pf}: driver_detach → .remove disables SR-IOV. */
        void rmmod() {
            sys.entry().driverUnload("sriov_pf");
        }

        /** The card leaves slot 1: pciehp removes the PF and its VFs. */
        void hotUnplug() {
            sys.entry().hotUnplug(Topology.SLOT);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v5.10: no rescan lock in sriov_del_vfs; removal flags are checked, then cleared.
     *
     * <p>Result: Sometimes DOUBLE_REMOVE, USE_AFTER_FREE, REFCOUNT_UNDERFLOW, LIST_CORRUPTION
     * <p>Not observed: REFCOUNT_UNDERFLOW (0 of the 16,354 samples above; 0 of 66,914 in an earlier run)
     * <p>Not observed: USE_AFTER_FREE (0 of the 16,354 samples above; 5 of 23,970 in an earlier run)
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
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
            rmmod();
        }

        @Actor
        public void actor2() {
            hotUnplug();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v6.18 (05703271c3cd): the rescan lock in sriov_del_vfs serialises the two removals and
     * deadlocks them instead.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "rmmod ran first: the unplug found no VFs and no driver.")
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = REFCOUNT_UNDERFLOW_DESC + FORBIDDEN_HERE)
    @Outcome(id = "LIST_CORRUPTION", expect = FORBIDDEN, desc = LIST_CORRUPTION_DESC + FORBIDDEN_HERE)
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = DEADLOCK_DESC)
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
            rmmod();
        }

        @Actor
        public void actor2() {
            hotUnplug();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v6.19 with the revert 2fa119c0e5e5: the s390 double removal is back; atomic added/removed
     * flags narrow what it breaks. The revert left v6.18's lockdep_assert_held in
     * pci_stop_and_remove_bus_device, which rmmod's sriov_del_vfs now reaches without the rescan
     * lock: the warning fires whenever the unload removes a VF (docs/FINDINGS.md; a warning, so
     * the outcome word shows it only when nothing worse happened in the sample).
     * DOUBLE_REMOVE is forbidden: the atomic flags make a second stop or destroy impossible.
     *
     * <p>Result: Sometimes USE_AFTER_FREE, REFCOUNT_UNDERFLOW, LIST_CORRUPTION, LOCKING_BUG
     * <p>Not observed: REFCOUNT_UNDERFLOW (0 of the 26,530 samples above; 0 of 72,354 before the assert)
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = "Atomic added/removed flags: a second stop or destroy of one device cannot "
            + "happen.")
    @Outcome(id = "USE_AFTER_FREE", expect = ACCEPTABLE_INTERESTING, desc = USE_AFTER_FREE_DESC)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = ACCEPTABLE_INTERESTING, desc = REFCOUNT_UNDERFLOW_DESC)
    @Outcome(id = "LIST_CORRUPTION", expect = ACCEPTABLE_INTERESTING, desc = LIST_CORRUPTION_DESC)
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = DEADLOCK_DESC + FORBIDDEN_HERE)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = ACCEPTABLE_INTERESTING, desc = "lockdep_assert_held(&pci_rescan_remove_lock) fails in "
            + "pci_stop_and_remove_bus_device: rmmod reaches it without the lock after the revert.")
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class Upstream70 extends Sample {
        static final Profile PROFILE = Profiles.named("v7.0");

        public Upstream70() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            rmmod();
        }

        @Actor
        public void actor2() {
            hotUnplug();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Nechita's reentrant rescan lock (v1-v14, 2026, not merged) on v7.0: the recursion on
     * the unplug path is gone; rmmod's dl(PF) → rescan_remove against pciehp's rescan_remove → dl(PF)
     * remains.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "The two removals did not overlap.")
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = REFCOUNT_UNDERFLOW_DESC + FORBIDDEN_HERE)
    @Outcome(id = "LIST_CORRUPTION", expect = FORBIDDEN, desc = LIST_CORRUPTION_DESC + FORBIDDEN_HERE)
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = DEADLOCK_DESC)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class ProposalReentrantRescan extends Sample {
        static final Profile PROFILE = Profiles.named("v7.0+reentrant-rescan");

        public ProposalReentrantRescan() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            rmmod();
        }

        @Actor
        public void actor2() {
            hotUnplug();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Fix detach-outside-rescan on v5.10.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @JCStressMeta(FixedOutcomes.class)
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "Both removals of a VF run under the rescan lock; drivers detach outside it.")
    @State
    public static class FixedDetachOutsideRescan extends Sample {
        static final Profile PROFILE = Profiles.named("v5.10+detach-outside-rescan");

        public FixedDetachOutsideRescan() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            rmmod();
        }

        @Actor
        public void actor2() {
            hotUnplug();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }
}
