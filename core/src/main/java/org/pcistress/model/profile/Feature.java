package org.pcistress.model.profile;

/**
 * A behaviour of a profile that is not a lock step: a changed algorithm (a fix) or a changed
 * primitive (an atomic flag). Kernel paths ask {@link Profile#has(Feature)}.
 */
public enum Feature {
    /**
     * drivers/pci/remove.c v6.19: {@code pci_stop_dev} tests-and-clears the added flag atomically and
     * {@code pci_destroy_dev} tests-and-sets a removed flag; v4.14/v5.10 check, then clear, with a
     * window between (commit UNVERIFIED; pci_dev_test_and_set_removed is already in pci.h context
     * of AER patches posted in March 2025, so v6.18 has it).
     */
    ATOMIC_REMOVAL_FLAGS,
    /**
     * drivers/pci/remove.c v6.18, v6.19: {@code pci_stop_and_remove_bus_device} starts with
     * {@code lockdep_assert_held(&pci_rescan_remove_lock)} (Niklas Schnelle, 2025; the revert
     * 2fa119c0e5e5 touches only iov.c, so the assertion stays). A removal without the lock is a
     * LOCKING_BUG report (lockdep's WARN); the path goes on.
     */
    RESCAN_LOCKDEP_ASSERT,
    /**
     * v4.14.74 aerdrv_core.c {@code broadcast_error_message}: a non-fatal error reported by an
     * endpoint goes to that endpoint's driver only ({@code cb(dev)}: no {@code pci_walk_bus}, no
     * pci_bus_sem); an error reported by a bridge still walks its secondary bus. A 4.14.y stable
     * backport ("PCI/AER: Report non-fatal errors only to the affected endpoint"); v5.10+ walk the
     * upstream bridge's secondary bus.
     */
    AER_NONFATAL_ENDPOINT_ONLY,
    /**
     * Fix {@code reentrant-rescan}, patch 2/2 of the series: {@code remove_store} marks the device
     * dead and releases its driver ({@code device_release_driver}, device_lock only) before it takes
     * the rescan lock for the removal.
     */
    REMOVE_STORE_RELEASE_FIRST,
    /**
     * Not kernel behaviour: a deliberately broken "fix" whose AER broadcast skips VFs, for showing
     * that the MISSED_BROADCAST check fires ({@code Fix.of("aer-skip-vfs", p -> p.enable(AER_SKIP_VIRTFN))}).
     */
    AER_SKIP_VIRTFN,
    /** Fix {@code list-snapshot}: AER collects referenced devices under the read lock, then reports without it. */
    AER_LIST_SNAPSHOT,
    /** Fix {@code deferred-enumeration}: {@code sriov_enable} queues VF enumeration to a work item. */
    DEFERRED_VF_ENUMERATION,
    /** Fix {@code detach-outside-rescan}: drivers are attached and detached outside the rescan lock. */
    DETACH_OUTSIDE_RESCAN,
    /** Fix {@code reentrant-rescan}: the rescan lock records its owner task and a depth. */
    REENTRANT_RESCAN,
    /**
     * drivers/pci/pci.c:pci_reset_function() v6.11+ (Dave Jiang, Dan Williams, "PCI: Lock upstream
     * bridge for pci_reset_function()", 2024; hash UNVERIFIED): {@code pci_dev_lock} of the upstream
     * bridge before the device's.
     */
    RESET_LOCKS_UPSTREAM_BRIDGE,
    /**
     * f5eff5591b8f "PCI: pciehp: Fix AB-BA deadlock between reset_lock and device_lock" (Lukas
     * Wunner, 2023-04-11, v6.4): pciehp_configure_device and pciehp_unconfigure_device release
     * {@code ctrl->reset_lock} around driver binding ({@code pci_bus_add_devices}) and unbinding
     * (each {@code pci_stop_and_remove_bus_device}), and take it again after.
     */
    PCIEHP_RESET_LOCK_DROPPED_FOR_BINDING
}
