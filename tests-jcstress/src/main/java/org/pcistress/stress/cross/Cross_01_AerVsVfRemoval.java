package org.pcistress.stress.cross;

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
 * Cross_01: an AER broadcast races the removal of VFs (sriov_numvfs 0): §14 S1 with the VFs going
 * away instead of arriving, and what the list-snapshot fix must do with references. The upstream walk
 * holds pci_bus_sem(R) across device_lock(PF); the removal holds the PF's device lock and needs
 * pci_bus_sem(W) to unlink each VF. list-snapshot drops the read lock before reporting, so a VF can be
 * removed while it is in the snapshot: the snapshot is safe only because each entry holds a
 * pci_dev_get reference until it has been reported to. The model has no variant of the fix without
 * those references (it would need a model Feature); their necessity shows as USE_AFTER_FREE and
 * REFCOUNT_UNDERFLOW being FORBIDDEN in FixedListSnapshot, which any change that drops them would trip.
 * Topology: {@code Topology.standard().withNumVfsAtBoot(2)}.
 *
 * <pre>
 * Actor 1, sriov_numvfs_store(01:00.0, 0):  device_lock(PF) → sriov_configure → pci_disable_sriov
 *     → sriov_disable → sriov_del_vfs → pci_iov_remove_virtfn ×2 → pci_stop_and_remove_bus_device(VF)
 *     → device_lock(VF) (release the VF driver) → pci_destroy_dev → down_write(pci_bus_sem), put
 * Actor 2, aer_isr(00:1c.0):  (v4.14: rpc_mutex) → pcie_do_recovery → pci_walk_bus(bus 01):
 *     down_read(pci_bus_sem) → report_error_detected(PF, VF…) → device_lock(dev)
 *
 * Lock chain:  numvfs:  &amp;dev-&gt;mutex(PF) → pci_bus_sem(W)
 *              aer_isr: pci_bus_sem(R) → &amp;dev-&gt;mutex(PF)
 *   list-snapshot: aer_isr: pci_bus_sem(R): pci_dev_get each; up_read; &amp;dev-&gt;mutex(dev); pci_dev_put
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t Cross_01 -m quick}
 *
 * <p>Observed (pcistress stress --tests 'AER_01|Cross_01|EEH_01|SRIOV_02' --budget 14m, i.e. jcstress -m quick
 * -iters 5 -time 2806 -strideSize 16 -strideCount 4 -sc false -jvmArgs …; both JDK 17
 * configurations; 2 CPUs of a shared box at load ~20; 12m37s for the 16 variants; no TIMEOUT):
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.cross.Cross_01_AerVsVfRemoval.Upstream414
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK    1,081    7.91%  Interesting  aer_isr holds pci_bus_sem(R) wanting dl(PF); sriov_numvfs...
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *     MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery never got error_det...
 *                   OK   12,585   92.09%   Acceptable  The removal and the broadcast did not overlap.
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  A VF reference was dropped twice. Forbidden here.
 *       USE_AFTER_FREE        0    0.00%    Forbidden  The broadcast used a VF after its last reference was drop...
 *
 * .......... [OK] org.pcistress.stress.cross.Cross_01_AerVsVfRemoval.Upstream510
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK    1,674    8.59%  Interesting  aer_isr holds pci_bus_sem(R) wanting dl(PF); sriov_numvfs...
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *     MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery never got error_det...
 *                   OK   17,816   91.41%   Acceptable  The removal and the broadcast did not overlap.
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  A VF reference was dropped twice. Forbidden here.
 *       USE_AFTER_FREE        0    0.00%    Forbidden  The broadcast used a VF after its last reference was drop...
 *
 * .......... [OK] org.pcistress.stress.cross.Cross_01_AerVsVfRemoval.FixedListSnapshot
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK        0    0.00%    Forbidden  The snapshot still nests dl(PF) in pci_bus_sem.
 *            HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *          LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *     MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery missed error_detect...
 *                   OK   27,490  100.00%   Acceptable  Reported to each snapshot entry under its reference; remo...
 *   REFCOUNT_UNDERFLOW        0    0.00%    Forbidden  A snapshot reference was dropped twice.
 *       USE_AFTER_FREE        0    0.00%    Forbidden  A snapshot entry was used after the removal freed it: the...
 * </pre>
 */
public final class Cross_01_AerVsVfRemoval {
    // The outcome descriptions its variants share; a variant that forbids one appends FORBIDDEN_HERE.
    static final String OK_DESC = "The removal and the broadcast did not overlap.";
    static final String DEADLOCK_DESC = "aer_isr holds pci_bus_sem(R) wanting dl(PF); sriov_numvfs_store holds dl(PF) and wants "
            + "pci_bus_sem(W) to unlink a VF.";
    static final String USE_AFTER_FREE_DESC = "The broadcast used a VF after its last reference was dropped.";
    static final String REFCOUNT_UNDERFLOW_DESC = "A VF reference was dropped twice.";
    static final String MISSED_BROADCAST_DESC = "A device bound for the whole recovery never got error_detected.";

    private Cross_01_AerVsVfRemoval() {
    }

    /** A fresh core with the PF bound and two VFs; actor 1 disables SR-IOV, actor 2 raises the error. */
    abstract static class Sample extends ModelSample {
        Sample(Profile profile) {
            super(profile, Topology.standard().withNumVfsAtBoot(2));
        }

        /** {@code echo 0 > /sys/bus/pci/devices/01:00.0/sriov_numvfs}: both VFs are removed. */
        void numvfsZero() {
            sys.entry().sriovNumvfsStore(Topology.PF, 0);
        }

        /**
         * A non-fatal error reported by the root port: the AER service recovers its secondary bus 01
         * (PF and VFs) in every version (v4.14.74 would report a PF-reported one to the PF alone).
         */
        void aerIsr() {
            sys.entry().aerError(Topology.ROOT_PORT);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v4.14.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = DEADLOCK_DESC)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = REFCOUNT_UNDERFLOW_DESC + FORBIDDEN_HERE)
    @Outcome(id = "MISSED_BROADCAST", expect = FORBIDDEN, desc = MISSED_BROADCAST_DESC + FORBIDDEN_HERE)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class Upstream414 extends Sample {
        static final Profile PROFILE = Profiles.named("v4.14");

        public Upstream414() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            numvfsZero();
        }

        @Actor
        public void actor2() {
            aerIsr();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v5.10 (the same on v6.19: the walk was never reworked).
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = DEADLOCK_DESC)
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = USE_AFTER_FREE_DESC + FORBIDDEN_HERE)
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = REFCOUNT_UNDERFLOW_DESC + FORBIDDEN_HERE)
    @Outcome(id = "MISSED_BROADCAST", expect = FORBIDDEN, desc = MISSED_BROADCAST_DESC + FORBIDDEN_HERE)
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
            numvfsZero();
        }

        @Actor
        public void actor2() {
            aerIsr();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * Fix list-snapshot on v5.10: collect with pci_dev_get under the read lock, report after up_read,
     * pci_dev_put after each report.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "Reported to each snapshot entry under its reference; removed VFs were still "
            + "valid memory.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "The snapshot still nests dl(PF) in pci_bus_sem.")
    @Outcome(id = "USE_AFTER_FREE", expect = FORBIDDEN, desc = "A snapshot entry was used after the removal freed it: the snapshot lost its "
            + "references.")
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = FORBIDDEN, desc = "A snapshot reference was dropped twice.")
    @Outcome(id = "MISSED_BROADCAST", expect = FORBIDDEN, desc = "A device bound for the whole recovery missed error_detected: the snapshot lost "
            + "it.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class FixedListSnapshot extends Sample {
        static final Profile PROFILE = Profiles.named("v5.10+list-snapshot");

        public FixedListSnapshot() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            numvfsZero();
        }

        @Actor
        public void actor2() {
            aerIsr();
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }
}
