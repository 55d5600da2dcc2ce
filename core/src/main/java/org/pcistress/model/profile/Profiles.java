package org.pcistress.model.profile;

import static org.pcistress.model.profile.KernelPath.*;
import static org.pcistress.model.profile.LockStep.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named kernel profiles and the parser of profile specs ({@code "v4.14+list-snapshot"}).
 *
 * <p>Defaults shared by every version (v4.14, v5.10, v6.19 trees: drivers/pci/probe.c,
 * drivers/pci/remove.c, drivers/pci/bus.c, drivers/pci/iov.c, drivers/pci/pcie/err.c,
 * drivers/pci/pci-sysfs.c, drivers/pci/hotplug/pciehp_pci.c): {@code pci_device_add} and
 * {@code pci_destroy_dev} take {@code pci_bus_sem} for write around the list change;
 * {@code pci_walk_bus} holds it for read across the walk and its callbacks; each AER/EEH report
 * takes {@code device_lock(dev)}; {@code sriov_numvfs_store} takes {@code device_lock(PF)};
 * sysfs remove/rescan and pciehp take the rescan lock; EEH takes it for non-VF removal only.
 * Differences are listed where each profile is built.
 */
public final class Profiles {
    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();

    static {
        register(v414());
        register(v510());
        register(v618());
        register(v619());
        register(v70());
        for (Variants v : Variants.installed()) {
            for (Profile p : v.profiles()) {
                if (PROFILES.containsKey(p.name())) {
                    throw new IllegalStateException("profile '" + p.name() + "' from " + v.getClass().getName()
                            + " clashes with a profile of the same name");
                }
                register(p);
            }
        }
    }

    private Profiles() {
    }

    private static void register(Profile p) {
        PROFILES.put(p.name(), p);
    }

    /**
     * A profile by spec: a profile name, optionally followed by {@code +fix} names
     * ({@code "v7.0+reentrant-rescan"}). The longest profile name that prefixes the spec wins, so a
     * profile whose name contains {@code +} (a vendor kernel from {@link Variants}) is not read as a
     * shorter profile plus a fix.
     *
     * @throws IllegalArgumentException for an unknown profile or fix, listing the known ones
     */
    public static Profile named(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("empty profile spec; known profiles: " + String.join(", ", PROFILES.keySet()));
        }
        String s = spec.trim();
        Profile base = null;
        for (Map.Entry<String, Profile> e : PROFILES.entrySet()) {
            String n = e.getKey();
            if ((s.equals(n) || s.startsWith(n + "+")) && (base == null || n.length() > base.name().length())) {
                base = e.getValue();
            }
        }
        if (base == null) {
            throw new IllegalArgumentException("unknown profile in '" + spec + "'; known profiles: "
                    + String.join(", ", PROFILES.keySet()));
        }
        Profile p = base;
        String rest = s.substring(base.name().length());
        if (!rest.isEmpty()) {
            for (String f : rest.substring(1).split("\\+")) {
                p = p.with(Fixes.named(f));
            }
        }
        return p;
    }

    /** Every named profile, oldest first. */
    public static List<Profile> all() {
        return new ArrayList<>(PROFILES.values());
    }

    /** Every profile name. */
    public static Set<String> names() {
        return PROFILES.keySet();
    }

    // ---- the profiles --------------------------------------------------------------------------

    private static Map<KernelPath, List<LockStep>> common() {
        Map<KernelPath, List<LockStep>> m = new EnumMap<>(KernelPath.class);
        m.put(PCI_DEVICE_ADD, List.of(BUS_SEM_WRITE));
        m.put(PCI_DESTROY_DEV, List.of(BUS_SEM_WRITE));
        m.put(PCI_WALK_BUS, List.of(BUS_SEM_READ));
        m.put(DEVICE_ATTACH, List.of(DEVICE_LOCK_SELF));
        m.put(DEVICE_RELEASE_DRIVER, List.of(DEVICE_LOCK_SELF));
        m.put(SRIOV_NUMVFS_STORE, List.of(DEVICE_LOCK_SELF));
        m.put(SRIOV_CONFIG_WRITE, List.of(CFG_ACCESS_SELF));
        m.put(REMOVE_STORE, List.of(RESCAN_REMOVE));
        m.put(RESCAN_STORE, List.of(RESCAN_REMOVE));
        m.put(AER_REPORT, List.of(DEVICE_LOCK_SELF));
        m.put(EEH_REPORT, List.of(DEVICE_LOCK_SELF));
        m.put(EEH_RMV_DEV, List.of(RESCAN_REMOVE));
        m.put(EEH_HP_REMOVE, List.of(RESCAN_REMOVE));
        m.put(PCIEHP_CONFIGURE, List.of(RESCAN_REMOVE));
        m.put(PCIEHP_UNCONFIGURE, List.of(RESCAN_REMOVE));
        // v5.10 drivers/pci/pci.c: pci_dev_lock takes cfg-access, then device_lock (reversed in v5.19)
        m.put(PCI_DEV_LOCK, List.of(CFG_ACCESS_SELF, DEVICE_LOCK_SELF));
        // 5b3f7b7d062b (v4.19): pciehp's IST holds ctrl->reset_lock for read while it handles an
        // event; pciehp_reset_slot takes it for write (drivers/pci/hotplug/pciehp_hpc.c)
        m.put(PCIEHP_IST, List.of(RESET_LOCK_READ));
        m.put(PCIEHP_RESET_SLOT, List.of(RESET_LOCK_WRITE));
        // 35ff867b7657 (v5.5): sriov_numvfs_show reads num_VFs under device_lock(PF)
        m.put(SRIOV_NUMVFS_SHOW, List.of(DEVICE_LOCK_SELF));
        // v5.10+: drivers/base/dd.c locks the parent only if bus->need_parent_lock (USB only).
        for (KernelPath p : List.of(DRIVER_ATTACH, DRIVER_DETACH, BIND_STORE, UNBIND_STORE)) {
            m.put(p, List.of(DEVICE_LOCK_SELF));
        }
        return m;
    }

    /**
     * v4.14: {@code __driver_attach}, {@code driver_detach}, {@code bind_store} and
     * {@code unbind_store} lock {@code device_lock(dev->parent)} then {@code device_lock(dev)}
     * (drivers/base/dd.c, bus.c; need_parent_lock came with 8c97a46af04b "driver core: hold dev's
     * parent lock when needed" in v4.18);
     * {@code aer_isr} holds {@code rpc->rpc_mutex} across do_recovery (aerdrv_core.c); a non-fatal
     * error an endpoint reports goes to that endpoint only, without a walk
     * ({@code broadcast_error_message}, a 4.14.y stable backport, present in v4.14.74).
     */
    static Profile v414() {
        Map<KernelPath, List<LockStep>> m = common();
        for (KernelPath p : List.of(DRIVER_ATTACH, DRIVER_DETACH, BIND_STORE, UNBIND_STORE)) {
            m.put(p, List.of(DEVICE_LOCK_PARENT, DEVICE_LOCK_SELF));
        }
        m.put(AER_ISR, List.of(RPC_MUTEX));
        // v4.14 has no ctrl->reset_lock (5b3f7b7d062b came with v4.19), and its sriov_numvfs_show
        // (drivers/pci/pci-sysfs.c) takes no lock
        m.remove(PCIEHP_IST);
        m.remove(PCIEHP_RESET_SLOT);
        m.remove(SRIOV_NUMVFS_SHOW);
        return new Profile("v4.14", KernelVersion.V4_14, m, Set.of(Feature.AER_NONFATAL_ENDPOINT_ONLY));
    }

    /**
     * v5.10: the parent lock is gone from PCI bind/unbind; AER runs from a threaded IRQ without
     * rpc_mutex; eeh_pe_report_edev reads {@code edev->pdev} and takes its reference under the rescan
     * lock, dropped before device_lock (eeh_driver.c; gone by v6.19).
     */
    static Profile v510() {
        Map<KernelPath, List<LockStep>> m = common();
        m.put(EEH_REPORT_PDEV, List.of(RESCAN_REMOVE));
        return new Profile("v5.10", KernelVersion.V5_10, m, Set.of());
    }

    /**
     * v6.18: 05703271c3cd "PCI/IOV: Add PCI rescan-remove locking when enabling/disabling SR-IOV"
     * (Niklas Schnelle, 2025) takes the rescan lock inside {@code sriov_add_vfs} and
     * {@code sriov_del_vfs}. Removal flags are atomic (pci_dev_test_and_set_removed predates v6.15).
     */
    static Profile v618() {
        Map<KernelPath, List<LockStep>> m = common();
        m.put(SRIOV_ADD_VFS, List.of(RESCAN_REMOVE));
        m.put(SRIOV_DEL_VFS, List.of(RESCAN_REMOVE));
        // 1010b4c012b0 "powerpc/eeh: Make EEH driver device hotplug safe" (Timothy Pearson, v6.17):
        // the rescan lock across eeh_handle_normal_event, and again inside eeh_pe_bus_get (the
        // 6.18-rc3 "possible recursive locking detected" by eehd; fixed later by 815a8d2feb56,
        // the named fix eeh-bus-get-nolock, absent from v6.18 and from the v6.19 tree read).
        m.put(EEH_HANDLE_EVENT, List.of(RESCAN_REMOVE));
        m.put(EEH_PE_BUS_GET, List.of(RESCAN_REMOVE));
        // eeh_reset_device's pci_hp_remove_devices runs inside that region without a lock of its own
        m.remove(EEH_HP_REMOVE);
        // a91ee0e9fca9 (v5.19): pci_dev_lock takes device_lock first, then cfg-access
        m.put(PCI_DEV_LOCK, List.of(DEVICE_LOCK_SELF, CFG_ACCESS_SELF));
        // v6.x: after a bus reset, pci_bridge_wait_for_secondary_bus looks at the secondary bus's
        // first device under pci_bus_sem for read (v5.10.0 waits with pci_dev_wait on the bridge)
        m.put(PCI_BRIDGE_WAIT_FOR_SECONDARY_BUS, List.of(BUS_SEM_READ));
        return new Profile("v6.18", KernelVersion.V6_18, m, v618Features());
    }

    private static Set<Feature> v618Features() {
        return EnumSet.of(Feature.ATOMIC_REMOVAL_FLAGS, Feature.RESCAN_LOCKDEP_ASSERT,
                Feature.RESET_LOCKS_UPSTREAM_BRIDGE, Feature.PCIEHP_RESET_LOCK_DROPPED_FOR_BINDING);
    }

    /** v6.19: as v6.18 on these paths (05703271c3cd still present in the v6.19 tree). */
    static Profile v619() {
        return new Profile("v6.19", KernelVersion.V6_19, v618().renamed("v6.19").stepsMap(), v618Features());
    }

    /**
     * v7.0: v6.19 plus the SR-IOV revert pair and the EEH fix, merged for v7.0-rc1 (and in the
     * late-February-2026 6.18.y/6.19.y stable kernels): 2fa119c0e5e5 reverts 05703271c3cd, so
     * sriov_add_vfs and sriov_del_vfs take no rescan lock again ({@code echo 1 > remove} on a PF with
     * VFs self-deadlocked); a5338e365c45 "PCI/IOV: Fix race between SR-IOV enable/disable and
     * hotplug" takes the rescan lock in sriov_numvfs_store around {@code sriov_configure}, inside
     * device_lock(PF); 815a8d2feb56 makes eeh_handle_normal_event call eeh_pe_bus_get_nolock. The
     * lockdep assertion in pci_stop_and_remove_bus_device stays (v7.0 remove.c). Read in a v7.0.0
     * tree: these are v7.0's only changes to the modelled paths (pci_call_probe's work_on_cpu
     * became a work item on the "sync_wq" workqueue plus flush_work: still a kworker, same locks).
     */
    static Profile v70() {
        Profile p = v619().renamed("v7.0")
                .order(SRIOV_ADD_VFS)
                .order(SRIOV_DEL_VFS)
                .take(SRIOV_CONFIGURE, RESCAN_REMOVE)
                .order(EEH_PE_BUS_GET);
        return new Profile("v7.0", KernelVersion.V7_0, p.stepsMap(), p.features());
    }
}
