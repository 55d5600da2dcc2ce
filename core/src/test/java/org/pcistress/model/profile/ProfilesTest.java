package org.pcistress.model.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry and the spec parser. */
class ProfilesTest {

    @Test
    void namedProfilesDifferWhereTheKernelDoes() {
        assertEquals(List.of(LockStep.DEVICE_LOCK_PARENT, LockStep.DEVICE_LOCK_SELF),
                Profiles.named("v4.14").steps(KernelPath.UNBIND_STORE));
        assertEquals(List.of(LockStep.DEVICE_LOCK_SELF), Profiles.named("v5.10").steps(KernelPath.UNBIND_STORE));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), Profiles.named("v6.18").steps(KernelPath.SRIOV_DEL_VFS));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), Profiles.named("v6.19").steps(KernelPath.SRIOV_ADD_VFS));
        assertEquals(List.of(), Profiles.named("v7.0").steps(KernelPath.SRIOV_ADD_VFS));
        // v7.0 = v6.19 + 2fa119c0e5e5 + a5338e365c45 + 815a8d2feb56 on the modelled paths
        assertEquals(List.of("SRIOV_CONFIGURE: [] -> [RESCAN_REMOVE]", "SRIOV_ADD_VFS: [RESCAN_REMOVE] -> []",
                "SRIOV_DEL_VFS: [RESCAN_REMOVE] -> []", "EEH_PE_BUS_GET: [RESCAN_REMOVE] -> []"),
                Profiles.named("v7.0").diff(Profiles.named("v6.19")));
        assertEquals(KernelVersion.V7_0, Profiles.named("v7.0").version());
        assertTrue(Profiles.named("v4.14").has(Feature.AER_NONFATAL_ENDPOINT_ONLY));
        assertTrue(!Profiles.named("v5.10").has(Feature.AER_NONFATAL_ENDPOINT_ONLY));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), Profiles.named("v5.10").steps(KernelPath.EEH_REPORT_PDEV));
        assertEquals(List.of(), Profiles.named("v6.19").steps(KernelPath.EEH_REPORT_PDEV));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), Profiles.named("v5.10").steps(KernelPath.EEH_HP_REMOVE));
        assertEquals(List.of(), Profiles.named("v6.18").steps(KernelPath.EEH_HP_REMOVE));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), Profiles.named("v6.18").steps(KernelPath.EEH_HANDLE_EVENT));
        assertEquals(List.of(), Profiles.named("v5.10").steps(KernelPath.EEH_PE_BUS_GET));
        assertEquals(List.of(), Profiles.named("v6.19+eeh-bus-get-nolock").steps(KernelPath.EEH_PE_BUS_GET));
        assertTrue(Profiles.named("v6.18").has(Feature.RESCAN_LOCKDEP_ASSERT));
        assertTrue(!Profiles.named("v5.10").has(Feature.RESCAN_LOCKDEP_ASSERT));
        assertEquals(List.of("v4.14", "v5.10", "v6.18", "v6.19", "v7.0"),
                Profiles.all().stream().map(Profile::name).toList());
    }

    @Test
    void specsComposeFixes() {
        Profile p = Profiles.named("v7.0+reentrant-rescan");
        assertEquals("v7.0+reentrant-rescan", p.name());
        assertTrue(p.has(Feature.REENTRANT_RESCAN));
        assertEquals(List.of(LockStep.RESCAN_REMOVE), p.steps(KernelPath.SRIOV_DEL_VFS));
        assertEquals(List.of(), p.steps(KernelPath.SRIOV_CONFIGURE), "Nechita's v14 removes a5338e365c45's lock");
        assertTrue(p.has(Feature.REMOVE_STORE_RELEASE_FIRST), "patch 2/2: remove_store releases the driver first");
        Profile q = Profiles.named("v4.14+list-snapshot+deferred-enumeration");
        assertTrue(q.has(Feature.AER_LIST_SNAPSHOT) && q.has(Feature.DEFERRED_VF_ENUMERATION));
        assertEquals(7, Fixes.all().size());
        for (Fix f : Fixes.all()) {
            assertTrue(!f.givesUp().isEmpty(), f + " says what it gives up");
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Profiles.named("v5.4"));
        assertTrue(e.getMessage().contains("v4.14, v5.10, v6.18, v6.19, v7.0"), e.getMessage());
        var f = assertThrows(IllegalArgumentException.class, () -> Profiles.named("v5.10+magic"));
        assertTrue(f.getMessage().contains("list-snapshot, deferred-enumeration, detach-outside-rescan, reentrant-rescan"),
                f.getMessage());
        assertEquals(1, f.getMessage().lines().count());
    }
}
