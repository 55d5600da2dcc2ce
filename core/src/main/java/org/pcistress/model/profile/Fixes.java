package org.pcistress.model.profile;

import static org.pcistress.model.profile.KernelPath.EEH_RMV_VF;
import static org.pcistress.model.profile.KernelPath.SRIOV_ADD_VFS;
import static org.pcistress.model.profile.KernelPath.SRIOV_CONFIGURE;
import static org.pcistress.model.profile.KernelPath.SRIOV_DEL_VFS;
import static org.pcistress.model.profile.LockStep.RESCAN_REMOVE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The named fixes. Each changes only what it must; {@link Fix#givesUp()} says what it costs. */
public final class Fixes {
    /**
     * The 2017 proposal (Govindarajulu Varadarajan, "[PATCH V2] PCI: AER: fix deadlock in
     * do_recovery", not merged): the broadcast walks the bus under {@code pci_bus_sem} only to
     * collect referenced devices, drops the lock, then calls each handler under
     * {@code device_lock(dev)}.
     */
    public static final Fix LIST_SNAPSHOT = Fix.of("list-snapshot",
            "misses a device (a VF) added to the bus after the snapshot, during recovery",
            p -> p.enable(Feature.AER_LIST_SNAPSHOT));

    /**
     * Bjorn Helgaas' 2017 suggestion: {@code sriov_enable} queues the {@code pci_iov_add_virtfn}
     * loop to a work item instead of enumerating VFs inside the PF's probe; enumeration errors are
     * logged, as for any other enumeration. {@code sriov_disable} flushes it first.
     */
    public static final Fix DEFERRED_ENUMERATION = Fix.of("deferred-enumeration",
            "probe (and sriov_configure) returns before the VFs exist; enumeration errors no longer reach the PF driver",
            p -> p.enable(Feature.DEFERRED_VF_ENUMERATION));

    /**
     * O'Halloran's 2020 direction: attach and detach drivers without the rescan lock held (detach
     * before taking it on removal, attach after dropping it on scan), so sriov_add_vfs,
     * sriov_del_vfs and the EEH VF branch may take the rescan lock themselves; sriov_numvfs_store
     * gets it through them.
     */
    public static final Fix DETACH_OUTSIDE_RESCAN = Fix.of("detach-outside-rescan",
            "a window in which a device is on the bus but driverless (detached before removal, attached after the scan)",
            p -> p.enable(Feature.DETACH_OUTSIDE_RESCAN)
                    .take(SRIOV_ADD_VFS, RESCAN_REMOVE)
                    .take(SRIOV_DEL_VFS, RESCAN_REMOVE)
                    .take(EEH_RMV_VF, RESCAN_REMOVE)
                    // sriov_numvfs_store gets the lock through sriov_add_vfs/sriov_del_vfs: on a profile
                    // that also takes it around sriov_configure (a5338e365c45, v7.0) the two
                    // would nest, and a kernel mutex is not recursive
                    .drop(SRIOV_CONFIGURE, RESCAN_REMOVE));

    /**
     * Ionut Nechita's 2026 series ("PCI/IOV: Make pci_lock_rescan_remove() reentrant", v1–v14, still
     * under review in May 2026). Patch 1/2: the rescan lock tracks its owner task and a depth, and
     * sriov_add_vfs/sriov_del_vfs take it again (a5338e365c45's lock in sriov_numvfs_store goes).
     * Patch 2/2 ("PCI: Fix AB-BA deadlock between device_lock and pci_rescan_remove_lock in
     * remove_store", from v10): remove_store marks the device dead and releases its driver before
     * taking the rescan lock, so sysfs remove no longer holds the rescan lock while it waits for
     * device_lock.
     */
    public static final Fix REENTRANT_RESCAN = Fix.of("reentrant-rescan",
            "ownership is per task: a probe run in a probe kworker is not the owner, so a PF probe that enables "
                    + "VFs under a caller holding the rescan lock (hot-add, rescan) still deadlocks; pciehp still "
                    + "holds the rescan lock while it waits for device_lock (the series' known gap)",
            p -> p.enable(Feature.REENTRANT_RESCAN)
                    .enable(Feature.REMOVE_STORE_RELEASE_FIRST)
                    .take(SRIOV_ADD_VFS, RESCAN_REMOVE)
                    .take(SRIOV_DEL_VFS, RESCAN_REMOVE)
                    .drop(SRIOV_CONFIGURE, RESCAN_REMOVE));

    /**
     * 815a8d2feb56 "powerpc/eeh: fix recursive pci_lock_rescan_remove locking in EEH event handling"
     * (Narayana Murty N, posted 2025-12-10; in v7.0-rc1 and the Feb-2026 6.18.y/6.19.y stable
     * kernels): eeh_handle_normal_event, which holds the rescan lock since 1010b4c012b0, calls
     * eeh_pe_bus_get_nolock instead of eeh_pe_bus_get, which took the lock again ("possible
     * recursive locking detected", eehd, 6.18-rc3, pSeries). Part of the v7.0 profile; a fix for
     * v6.18 and v6.19. It leaves eeh_rmv_device's own pci_lock_rescan_remove for non-VF devices
     * inside the same region.
     */
    public static final Fix EEH_BUS_GET_NOLOCK = Fix.of("eeh-bus-get-nolock",
            "after a NEED_RESET vote, eeh_rmv_device still re-takes the rescan lock for a non-VF device whose "
                    + "driver has no slot_reset: eehd still self-deadlocks there",
            p -> p.order(KernelPath.EEH_PE_BUS_GET));

    /**
     * a91ee0e9fca9 "PCI: Avoid pci_dev_lock() AB/BA deadlock with sriov_numvfs_store()" (Yicong
     * Yang, merged for v5.19, backported to stable): pci_dev_lock takes device_lock before
     * cfg-access, the order sriov_numvfs_store → sriov_configure → pci_cfg_access_lock has.
     */
    public static final Fix PCI_DEV_LOCK_ORDER = Fix.of("pci-dev-lock-order",
            "none known: pci_dev_trylock and pci_dev_unlock change with it",
            p -> p.order(KernelPath.PCI_DEV_LOCK, LockStep.DEVICE_LOCK_SELF, LockStep.CFG_ACCESS_SELF));

    /**
     * f5eff5591b8f "PCI: pciehp: Fix AB-BA deadlock between reset_lock and device_lock" (Lukas
     * Wunner, 2023, v6.4): pciehp releases ctrl->reset_lock around driver binding and unbinding.
     */
    public static final Fix PCIEHP_UNLOCK_FOR_BINDING = Fix.of("pciehp-unlock-for-binding",
            "a slot reset may run while the slot's devices are being bound or unbound",
            p -> p.enable(Feature.PCIEHP_RESET_LOCK_DROPPED_FOR_BINDING));

    private static final Map<String, Fix> FIXES = new LinkedHashMap<>();

    static {
        for (Fix f : List.of(LIST_SNAPSHOT, DEFERRED_ENUMERATION, DETACH_OUTSIDE_RESCAN, REENTRANT_RESCAN,
                EEH_BUS_GET_NOLOCK, PCI_DEV_LOCK_ORDER, PCIEHP_UNLOCK_FOR_BINDING)) {
            FIXES.put(f.name(), f);
        }
        for (Variants v : Variants.installed()) {
            for (Fix f : v.fixes()) {
                if (FIXES.putIfAbsent(f.name(), f) != null) {
                    throw new IllegalStateException("fix '" + f.name() + "' from " + v.getClass().getName()
                            + " clashes with a fix of the same name");
                }
            }
        }
    }

    private Fixes() {
    }

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public static Fix named(String name) {
        Fix f = FIXES.get(name == null ? "" : name.trim());
        if (f == null) {
            throw new IllegalArgumentException("unknown fix '" + name + "'; known fixes: " + String.join(", ", FIXES.keySet())
                    + " (or a lock change file, FILE.lock)");
        }
        return f;
    }

    public static List<Fix> all() {
        return new ArrayList<>(FIXES.values());
    }

    public static Set<String> names() {
        return FIXES.keySet();
    }
}
