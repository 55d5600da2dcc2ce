package org.pcistress.stress.named;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.model.entry.BootState;
import org.pcistress.model.entry.Trigger;
import org.pcistress.model.entry.Triggers;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;
import org.pcistress.stress.shared.ModelSample;
import org.pcistress.stress.shared.Outcomes;

/**
 * Named_01: any two entry points, built-in or installed through {@code EntryVariants}, raced on
 * real threads. The race is chosen when the forked VMs start, by system properties:
 * {@code pcistress.race} (two matrix ids joined by {@code +}; default {@code numvfs_n+remove_pf})
 * and {@code pcistress.profile} (a profile spec; default {@code v6.18}). The default is SRIOV_01's
 * v6.18 race, a canary that fires in most samples, so a short run of the suite proves this
 * harness still reaches a bug. Each sample boots
 * the state the matrix cell of the same name boots ({@code PciTarget.stateFor}). jcstress 0.16
 * reads a test's actors and outcomes only from its annotations, at build time: one class cannot
 * state a verdict per race, so every failure word is declared interesting here, and the verdict
 * for a race is its matrix cell's ({@code pcistress explore --scenario a+b}); this test shows how
 * often real threads reach it. An unknown id fails every sample with the message on stderr.
 *
 * <pre>
 * Actor 1:  the first entry point of pcistress.race (default sriov_numvfs_store(01:00.0, 2):
 *     device_lock(PF) → sriov_configure → pci_enable_sriov → sriov_add_vfs (v6.18: rescan_remove))
 * Actor 2:  the second (default remove_store(01:00.0): rescan_remove → pci_stop_and_remove_bus_device
 *     → device_release_driver: device_lock(PF) → .remove → sriov_del_vfs (v6.18: rescan_remove))
 *
 * Lock chain:  default race, v6.18:  numvfs: &amp;dev-&gt;mutex(PF) → rescan_remove
 *                                    remove: rescan_remove → &amp;dev-&gt;mutex(PF) (→ rescan_remove)
 * </pre>
 *
 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t Named_01 -m quick -jvmArgsPrepend "-Dpcistress.race=reset_pf+numvfs_n -Dpcistress.profile=v5.10"}
 *
 * <p>Observed (the default race, v6.18: jcstress -t Named_01 -m quick -iters 1 -jvmArgs -Xmx256m;
 * 18 runs across split-compilation modes; JDK 17; 2 CPUs of a shared box at load ~35, about 5 min).
 * The S2 race ({@code reset_pf+numvfs_n} on v5.10, the Run line's) showed DEADLOCK in 60 of 87,736
 * samples with -iters 3:
 *
 * <pre>
 * .......... [OK] org.pcistress.stress.named.Named_01_TwoEntryPoints.Chosen
 *               RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *             DEADLOCK   14,581   63.37%  Interesting  A wait-for cycle (default race: the rescan lock, recursiv...
 *        DOUBLE_REMOVE        0    0.00%  Interesting  A device was removed twice.
 *            HUNG_TASK        0    0.00%  Interesting  A wait hit the hung-task backstop.
 *      LIST_CORRUPTION        0    0.00%  Interesting  A bus list was corrupted.
 *          LOCKING_BUG        0    0.00%  Interesting  A primitive was misused, or a lockdep assertion fired.
 *     MISSED_BROADCAST        0    0.00%  Interesting  A bound device missed an AER broadcast.
 *                   OK    8,427   36.63%   Acceptable  No failure in this sample (default race: the removal ran ...
 *   REFCOUNT_UNDERFLOW        0    0.00%  Interesting  A reference was dropped twice.
 *    UNLOCKED_CALLBACK        0    0.00%  Interesting  A driver callback ran without its device_lock.
 *       USE_AFTER_FREE        0    0.00%  Interesting  A device was used after it was freed.
 *            VF_LEAKED        0    0.00%  Interesting  A VF outlived its PF.
 * </pre>
 */
public final class Named_01_TwoEntryPoints {
    private Named_01_TwoEntryPoints() {
    }

    /** The race the forked VM was started for. */
    static final String RACE = System.getProperty("pcistress.race", "numvfs_n+remove_pf");
    static final String PROFILE = System.getProperty("pcistress.profile", "v6.18");

    private static List<Trigger> race() {
        String[] ids = RACE.split("\\+");
        if (ids.length != 2) {
            throw new IllegalArgumentException("pcistress.race names two entry points joined by '+': " + RACE);
        }
        Trigger a = Triggers.byId(ids[0]);
        Trigger b = Triggers.byId(ids[1]);
        if (a == null || b == null || !a.inMatrix() || !b.inMatrix()) {
            throw new IllegalArgumentException("pcistress.race: unknown or non-matrix entry point in '" + RACE
                    + "'; known: " + String.join(", ", Triggers.matrix().stream().map(Trigger::id).toList()));
        }
        return List.of(a, b);
    }

    /**
     * The chosen race under the chosen profile.
     *
     * <p>Result: Sometimes DEADLOCK, HUNG_TASK, LOCKING_BUG, LIST_CORRUPTION, DOUBLE_REMOVE, USE_AFTER_FREE, REFCOUNT_UNDERFLOW, VF_LEAKED, MISSED_BROADCAST, UNLOCKED_CALLBACK
     *
     * <p>Not observed: HUNG_TASK (a backstop; the default race's cycles are all detected)
     * <p>Not observed: LOCKING_BUG (the default race misuses no primitive)
     * <p>Not observed: LIST_CORRUPTION (v6.18 changes the VF lists under the rescan lock)
     * <p>Not observed: DOUBLE_REMOVE (v6.18's removal flags are atomic)
     * <p>Not observed: USE_AFTER_FREE (the default race holds its references)
     * <p>Not observed: REFCOUNT_UNDERFLOW (the default race holds its references)
     * <p>Not observed: VF_LEAKED (the VFs go with the PF, or the removal deadlocks first)
     * <p>Not observed: MISSED_BROADCAST (the default race has no AER broadcast)
     * <p>Not observed: UNLOCKED_CALLBACK (every driver callback of the default race runs locked)
     */
    @JCStressTest
    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "No failure in this sample (default race: the removal ran first, before any VF existed).")
    @Outcome(id = "DEADLOCK", expect = ACCEPTABLE_INTERESTING, desc = "A wait-for cycle (default race: the rescan lock, recursive or against device_lock(PF)).")
    @Outcome(id = "HUNG_TASK", expect = ACCEPTABLE_INTERESTING, desc = "A wait hit the hung-task backstop.")
    @Outcome(id = "LOCKING_BUG", expect = ACCEPTABLE_INTERESTING, desc = "A primitive was misused, or a lockdep assertion fired.")
    @Outcome(id = "LIST_CORRUPTION", expect = ACCEPTABLE_INTERESTING, desc = "A bus list was corrupted.")
    @Outcome(id = "DOUBLE_REMOVE", expect = ACCEPTABLE_INTERESTING, desc = "A device was removed twice.")
    @Outcome(id = "USE_AFTER_FREE", expect = ACCEPTABLE_INTERESTING, desc = "A device was used after it was freed.")
    @Outcome(id = "REFCOUNT_UNDERFLOW", expect = ACCEPTABLE_INTERESTING, desc = "A reference was dropped twice.")
    @Outcome(id = "VF_LEAKED", expect = ACCEPTABLE_INTERESTING, desc = "A VF outlived its PF.")
    @Outcome(id = "MISSED_BROADCAST", expect = ACCEPTABLE_INTERESTING, desc = "A bound device missed an AER broadcast.")
    @Outcome(id = "UNLOCKED_CALLBACK", expect = ACCEPTABLE_INTERESTING, desc = "A driver callback ran without its device_lock.")
    @Outcome(expect = FORBIDDEN, desc = "Anything else: an unknown race name, or a harness error.")
    @State
    public static class Chosen extends ModelSample {
        static final List<Trigger> ENTRIES = race();
        static final Profile SPEC = Profiles.named(PROFILE);
        static final BootState STATE = PciTarget.stateFor(ENTRIES);

        public Chosen() {
            super(STATE.boot(SPEC, new Kernel(Outcomes.config())));
        }

        @Actor
        public void actor1() {
            ENTRIES.get(0).run(sys);
        }

        @Actor
        public void actor2() {
            ENTRIES.get(1).run(sys);
        }

        @Arbiter
        public void arbiter(L_Result r) {
            r.r1 = outcome();
        }
    }
}
