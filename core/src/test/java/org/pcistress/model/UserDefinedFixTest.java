package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.model.entry.EntryPoints;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.Drivers;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Fix;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.LockStep;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/** A fix written by a user in a few lines, composed with named profiles, without editing the model. */
class UserDefinedFixTest {
    /** Keith Busch's 2018 idea: the rescan lock around sriov_numvfs_store's body, outside device_lock(PF). */
    static final Fix NUMVFS_RESCAN = Fix.of("numvfs-rescan", "nothing on v5.10; conflicts with 05703271c3cd",
            p -> p.takeFirst(KernelPath.SRIOV_NUMVFS_STORE, LockStep.RESCAN_REMOVE));

    /** A PF driver whose sriov_configure records whether anyone held the rescan lock. */
    private static Topology observing(AtomicBoolean rescanHeld) {
        PciDriver pf = PciDriver.builder("observing_pf").matching(DeviceRole.PF)
                .sriovConfigure((dev, n) -> {
                    rescanHeld.set(Locks.mutexIsLocked(dev.core().rescanRemoveLock().mutex()));
                    return Drivers.sriovConfigure(dev, n);
                })
                .remove(dev -> dev.core().iov().pciDisableSriov(dev))
                .build();
        return Topology.standard().withPfDriver(pf);
    }

    @Test
    void theFixTakesTheLockWhereItSays() {
        Profile p = Profiles.named("v5.10").with(NUMVFS_RESCAN);
        assertEquals("v5.10+numvfs-rescan", p.name());
        AtomicBoolean held = new AtomicBoolean();
        PciSystem sys = PciSystem.boot(p, observing(held));
        assertEquals(0, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        assertTrue(held.get());
        assertEquals(0, sys.entry().removeStore(Topology.PF));
        assertEquals("OK", sys.finish().outcome());

        AtomicBoolean without = new AtomicBoolean();
        PciSystem plain = PciSystem.boot(Profiles.named("v5.10"), observing(without));
        assertEquals(0, plain.entry().sriovNumvfsStore(Topology.PF, 2));
        assertFalse(without.get());
    }

    @Test
    void theSameFixSelfDeadlocksOnV618() {
        PciSystem sys = PciSystem.boot(Profiles.named("v6.18").with(NUMVFS_RESCAN), Topology.standard());
        assertEquals(EntryPoints.KERNEL_BUG, sys.entry().sriovNumvfsStore(Topology.PF, 2));
        assertEquals("DEADLOCK", sys.finish().outcome());
    }

    @Test
    void droppingTheReportLockIsAnUnlockedCallback() {
        Fix broken = Fix.of("aer-no-device-lock", p -> p.drop(KernelPath.AER_REPORT, LockStep.DEVICE_LOCK_SELF));
        PciSystem sys = PciSystem.boot(Profiles.named("v5.10").with(broken), Topology.standard());
        assertEquals(0, sys.entry().aerError(Topology.PF));
        assertEquals("UNLOCKED_CALLBACK", sys.finish().outcome());
    }
}
