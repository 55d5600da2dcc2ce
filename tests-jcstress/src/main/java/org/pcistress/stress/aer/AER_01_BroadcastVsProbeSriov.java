package org.pcistress.stress.aer;

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
 * AER_01: an AER broadcast races the probe of a PF driver that enables its VFs in probe (§14 S1,
 * the 2017 report "[PATCH V2] PCI: AER: fix deadlock in do_recovery"). The walk holds
 * {@code pci_bus_sem} for read and wants the PF's device lock; the probe holds the device lock
 * (through the binder, which waits for its {@code work_on_cpu} kworker) and the kworker wants
 * {@code pci_bus_sem} for write to add a VF. Topology: {@code Topology.enablingVfsInProbe(2)}.
 *
 * <pre>
 * Actor 1, modprobe sriov_pf_probe:  pci_register_driver → driver_attach → __driver_attach
 *     device_lock(PF) (v4.14: device_lock(bridge) first) → driver_probe_device → pci_call_probe
 *     → work_on_cpu: kworker local_pci_probe → .probe → pci_enable_sriov → sriov_enable
 *     → sriov_add_vfs → pci_iov_add_virtfn → pci_device_add → down_write(pci_bus_sem)
 * Actor 2, aer_isr(00:1c.0):  (v4.14: mutex_lock(rpc_mutex)) → do_recovery / pcie_do_recovery
 *     → pci_walk_bus: down_read(pci_bus_sem) → report_error_detected → device_lock(PF)
 *
 * Lock chain:  modprobe: &amp;dev-&gt;mutex(PF) → waits for its kworker; kworker: → pci_bus_sem(W)
 *              aer_isr:  pci_bus_sem(R) → &amp;dev-&gt;mutex(PF)                      (a 3-task cycle)
 *   list-snapshot:        aer_isr: pci_bus_sem(R): collect + pci_dev_get; up_read; then &amp;dev-&gt;mutex
 *   deferred-enumeration: .probe queues the VF enumeration; the work item adds VFs without dl(PF)
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t AER_01 -m quick}
 *
 * <p>Observed (pcistress stress --tests 'AER_01|Cross_01|EEH_01|SRIOV_02' --budget 14m, i.e. jcstress -m quick
 * -iters 5 -time 2806 -strideSize 16 -strideCount 4 -sc false -jvmArgs …; both JDK 17
 * configurations; 2 CPUs of a shared box at load ~20; 12m37s for the 16 variants; no TIMEOUT):
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.aer.AER_01_BroadcastVsProbeSriov.Upstream414
 *             RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *           DEADLOCK    1,061    7.91%  Interesting  aer_isr holds pci_bus_sem(R) wanting dl(PF); modprobe hol...
 *          HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *        LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *   MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery never got error_det...
 *                 OK   12,349   92.09%   Acceptable  The probe and the broadcast did not overlap.
 *
 * .......... [OK] org.pcistress.stress.aer.AER_01_BroadcastVsProbeSriov.Upstream70
 *             RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *           DEADLOCK    8,545   29.31%  Interesting  aer_isr holds pci_bus_sem(R) wanting dl(PF); modprobe hol...
 *          HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *        LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *   MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery never got error_det...
 *                 OK   20,609   70.69%   Acceptable  The probe and the broadcast did not overlap.
 *
 * .......... [OK] org.pcistress.stress.aer.AER_01_BroadcastVsProbeSriov.FixedListSnapshot
 *             RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *           DEADLOCK        0    0.00%    Forbidden  The snapshot still nests dl(PF) in pci_bus_sem.
 *          HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *        LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *   MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery missed error_detect...
 *                 OK   31,522  100.00%   Acceptable  No device lock is taken under pci_bus_sem: no cycle.
 *
 * .......... [OK] org.pcistress.stress.aer.AER_01_BroadcastVsProbeSriov.FixedDeferredEnumeration
 *             RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *           DEADLOCK        0    0.00%    Forbidden  pci_bus_sem(W) is still nested in dl(PF).
 *          HUNG_TASK        0    0.00%    Forbidden  A wait hit the hung-task backstop: a cycle the detector m...
 *        LOCKING_BUG        0    0.00%    Forbidden  A primitive was misused (bad unlock, lock held at exit).
 *   MISSED_BROADCAST        0    0.00%    Forbidden  A device bound for the whole recovery never got error_det...
 *                 OK   38,498  100.00%   Acceptable  The probe no longer writes the bus list under dl(PF).
 * </pre>
 */
public final class AER_01_BroadcastVsProbeSriov {
    // The outcome descriptions its variants share; a variant that forbids one appends FORBIDDEN_HERE.
    static final String OK_DESC = "The probe and the broadcast did not overlap.";
    static final String DEADLOCK_DESC = "aer_isr holds pci_bus_sem(R) wanting dl(PF); modprobe holds dl(PF) waiting for its kworker, "
            + "which wants pci_bus_sem(W).";
    static final String MISSED_BROADCAST_DESC = "A device bound for the whole recovery never got error_detected.";

    private AER_01_BroadcastVsProbeSriov() {
    }

    /** A fresh core (PF 01:00.0, two VFs, sriov_pf_probe not loaded); actor 1 loads it, actor 2 raises the error. */
    abstract static class Sample extends ModelSample {
        Sample(Profile profile) {
            super(profile, Topology.enablingVfsInProbe(2));
        }

        /** {@code modprobe sriov_pf_probe}: __driver_attach probes the PF. */
        void modprobe() {
            sys.entry().driverLoad("sriov_pf_probe");
        }

        /**
         * A non-fatal error reported by the root port: the AER service recovers its secondary bus
         * 01 (a PF-reported error would not walk in v4.14.74, which reports it to the PF alone).
         */
        void aerIsr() {
            sys.entry().aerError(Topology.ROOT_PORT);
        }
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * v4.14: aer_isr also holds rpc_mutex; __driver_attach locks the bridge, then the PF.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = DEADLOCK_DESC)
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
            modprobe();
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
     * v7.0 (with the revert 2fa119c0e5e5 and a5338e365c45): the cycle was never reworked.
     *
     * <p>Result: Sometimes DEADLOCK
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = OK_DESC)
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = DEADLOCK_DESC)
    @Outcome(id = "MISSED_BROADCAST", expect = FORBIDDEN, desc = MISSED_BROADCAST_DESC + FORBIDDEN_HERE)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class Upstream70 extends Sample {
        static final Profile PROFILE = Profiles.named("v7.0");

        public Upstream70() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            modprobe();
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
     * Fix list-snapshot (2017 proposal) on v7.0: the walk only collects referenced devices;
     * the reports run after up_read. A VF added during the recovery is not reported to, which the
     * model does not count as a missed broadcast (it was not present throughout).
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "No device lock is taken under pci_bus_sem: no cycle.")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "The snapshot still nests dl(PF) in pci_bus_sem.")
    @Outcome(id = "MISSED_BROADCAST", expect = FORBIDDEN, desc = "A device bound for the whole recovery missed error_detected: the snapshot lost "
            + "it.")
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = "Any other report (USE_AFTER_FREE: a snapshot entry used without its reference).")
    @State
    public static class FixedListSnapshot extends Sample {
        static final Profile PROFILE = Profiles.named("v7.0+list-snapshot");

        public FixedListSnapshot() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            modprobe();
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
     * Fix deferred-enumeration (Helgaas, 2017) on v7.0: VFs are enumerated by a work item,
     * outside the PF's device lock.
     *
     * <p>Result: Never
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "The probe no longer writes the bus list under dl(PF).")
    @Outcome(id = "DEADLOCK", expect = FORBIDDEN, desc = "pci_bus_sem(W) is still nested in dl(PF).")
    @Outcome(id = "MISSED_BROADCAST", expect = FORBIDDEN, desc = MISSED_BROADCAST_DESC)
    @Outcome(id = "HUNG_TASK", expect = FORBIDDEN, desc = HUNG_TASK_DESC)
    @Outcome(id = "LOCKING_BUG", expect = FORBIDDEN, desc = LOCKING_BUG_DESC)
    @Outcome(expect = FORBIDDEN, desc = OTHER_DESC)
    @State
    public static class FixedDeferredEnumeration extends Sample {
        static final Profile PROFILE = Profiles.named("v7.0+deferred-enumeration");

        public FixedDeferredEnumeration() {
            super(PROFILE);
        }

        @Actor
        public void actor1() {
            modprobe();
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
