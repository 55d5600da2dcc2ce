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
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;
import org.pcistress.stress.shared.ModelSample;

/**
 * SRIOV_01: a sriov_numvfs write races sysfs remove of the PF (§14 S3 and its cross-task form).
 * v6.18 (05703271c3cd) put the rescan lock into sriov_add_vfs/sriov_del_vfs: remove_store already
 * holds it when the PF's .remove disables SR-IOV (a self-deadlock, reverted in 2fa119c0e5e5), and
 * sriov_numvfs_store takes it under the PF's device lock, the reverse of remove_store's order.
 * v5.10 has neither. Topology: {@code Topology.standard()} (PF bound, no VFs at boot).
 *
 * <pre>
 * Actor 1, sriov_numvfs_store(01:00.0, 2):  device_lock(PF) → sriov_configure → pci_enable_sriov
 *     → sriov_enable → sriov_add_vfs (v6.18: rescan_remove) → pci_iov_add_virtfn ×2
 *     → pci_device_add (pci_bus_sem(W)) → pci_bus_add_device (VF probe in a kworker)
 * Actor 2, remove_store(01:00.0):  rescan_remove → pci_stop_and_remove_bus_device
 *     → pci_stop_dev → device_release_driver: device_lock(PF) → .remove → pci_disable_sriov
 *     → sriov_del_vfs (v6.18: rescan_remove again) → pci_iov_remove_virtfn ×n
 *
 * Lock chain:  v6.18: numvfs: &amp;dev-&gt;mutex(PF) → rescan_remove;  remove: rescan_remove → &amp;dev-&gt;mutex(PF)
 *                     remove: rescan_remove → … → rescan_remove                    (recursive)
 *              v5.10: numvfs: &amp;dev-&gt;mutex(PF);  remove: rescan_remove → &amp;dev-&gt;mutex(PF): no cycle
 *   detach-outside-rescan: remove detaches the PF driver before taking rescan_remove
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t SRIOV_01 -m quick}
 *
 * <p>Observed (pcistress stress --budget 15m, i.e. jcstress -m quick -iters 5 -time 2225 -strideSize
 * 16 -strideCount 4 -sc false -jvmArgs …; both JDK 17 configurations; 2 CPUs of a shared box at load
 * ~5; 10 min for all 20 tests; no TIMEOUT):
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.Upstream510
 *           RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *         DEADLOCK        0    0.00%   Forbidden  v5.10 has no rescan lock in the SR-IOV paths: no cycle.
 *    DOUBLE_REMOVE        0    0.00%   Forbidden  A device was removed twice.
 *        HUNG_TASK        0    0.00%   Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LOCKING_BUG        0    0.00%   Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *               OK   69,666  100.00%  Acceptable  Enabled then removed with the PF, or refused: the PF had ...
 *   USE_AFTER_FREE        0    0.00%   Forbidden  A device was used after it was freed.
 *        VF_LEAKED        0    0.00%   Forbidden  A VF outlived its PF.
 *
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.Upstream618
 *           RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *         DEADLOCK   46,616   72.29%  Interesting  remove_store holds rescan_remove and wants dl(PF) (or re-...
 *    DOUBLE_REMOVE        0    0.00%    Forbidden  A device was stopped or destroyed twice. Forbidden here.
 *        HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *               OK   17,866   27.71%   Acceptable  The remove ran first: no VFs to delete under the rescan l...
 *   USE_AFTER_FREE        0    0.00%    Forbidden  A device was used after its last reference was dropped. F...
 *        VF_LEAKED        0    0.00%    Forbidden  A VF stayed on bus 01 after its PF was removed. Forbidden...
 *
 * .......... [OK] org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.FixedDetachOutsideRescan
 *           RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *         DEADLOCK        0    0.00%   Forbidden  A cycle through the rescan lock: the fix does not hold.
 *    DOUBLE_REMOVE        0    0.00%   Forbidden  A device was removed twice.
 *        HUNG_TASK        0    0.00%   Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *      LOCKING_BUG        0    0.00%   Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *               OK   55,906  100.00%  Acceptable  Drivers detach outside the rescan lock; the SR-IOV paths ...
 *   USE_AFTER_FREE        0    0.00%   Forbidden  A device was used after it was freed.
 *        VF_LEAKED        0    0.00%   Forbidden  A VF outlived its PF.
 * </pre>
 */
public final class SRIOV_01_NumvfsVsRemove {
    // The outcome descriptions its variants share; a variant that forbids one appends FORBIDDEN_HERE.
    static final String VF_LEAKED_DESC = "A VF outlived its PF.";
    static final String DOUBLE_REMOVE_DESC = "A device was removed twice.";
    static final String USE_AFTER_FREE_DESC = "A device was used after it was freed.";
    static final String VF_LEAKED_DESC_2 = "A VF stayed on bus 01 after its PF was removed.";
    static final String DOUBLE_REMOVE_DESC_2 = "A device was stopped or destroyed twice.";
    static final String USE_AFTER_FREE_DESC_2 = "A device was used after its last reference was dropped.";

    private SRIOV_01_NumvfsVsRemove() {
    }

    /** A fresh core with the PF bound and no VFs; actor 1 enables two VFs, actor 2 removes the PF. */
    abstract static class Sample extends ModelSample {
        Sample(Profile profile) {
            super(profile, Topology.standard());
        }

        /** {@code echo 2 > /sys/bus/pci/devices/01:00.0/sriov_numvfs}. */
        void numvfs() {
            sys.entry().sriovNumvfsStore(Topology.PF, 2);
        }

        /** {@code echo 1 > /sys/bus/pci/devices/01:00.0/remove}. */
        void removePf() {
            sys.entry().removeStore(Topology.PF);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v5.10: sriov_numvfs_store serialises with the PF's .remove on the PF's device lock and finds
     * no driver once it is gone.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "Enabled then removed with the PF, or refused: the PF had no driver any more.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "v5.10 has no rescan lock in the SR-IOV paths: no cycle.")
    @Outcome(id = "VF_LEAKED", expect = FORBIDDEN, desc = VF_LEAKED_DESC)
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC)
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
            numvfs();
        }

        @Actor
        public void actor2() {
            removePf();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v6.18 (05703271c3cd): the rescan lock in sriov_add_vfs/sriov_del_vfs; whenever VFs exist when
     * the PF is removed, the removal self-deadlocks; when the two overlap, they form an ABBA.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "The remove ran first: no VFs to delete under the rescan lock.")
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = "remove_store holds rescan_remove and wants dl(PF) (or re-takes rescan_remove in "
            + "sriov_del_vfs); sriov_numvfs_store holds dl(PF) and wants rescan_remove in "
            + "sriov_add_vfs.")
    @Outcome(id = "VF_LEAKED", expect = FORBIDDEN, desc = VF_LEAKED_DESC_2 + FORBIDDEN_HERE)
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC_2 + FORBIDDEN_HERE)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC_2 + FORBIDDEN_HERE)
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
            numvfs();
        }

        @Actor
        public void actor2() {
            removePf();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Fix detach-outside-rescan on v5.10: the rescan lock in sriov_add_vfs/sriov_del_vfs, and
     * remove_store detaches the PF's driver before taking it.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "Drivers detach outside the rescan lock; the SR-IOV paths take it in one order.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "A cycle through the rescan lock: the fix does not hold.")
    @Outcome(id = "VF_LEAKED", expect = FORBIDDEN, desc = VF_LEAKED_DESC)
    @Outcome(id = "DOUBLE_REMOVE", expect = FORBIDDEN, desc = DOUBLE_REMOVE_DESC)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class FixedDetachOutsideRescan extends Sample {
        static final Profile PROFILE = Profiles.named("v5.10+detach-outside-rescan");

        public FixedDetachOutsideRescan() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            numvfs();
        }

        @Actor
        public void actor2() {
            removePf();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }
}
