package org.pcistress.model.profile;

/**
 * A behaviour of a profile that is not a lock step: a changed algorithm (a fix) or a changed
 * primitive (an atomic flag). Kernel paths ask {@link Profile#has(Feature)}.
 */
public enum Feature {
    /**
     * drivers/pci/remove.c v6.19: {@code pci_stop_dev} tests-and-clears the added flag atomically and
     * {@code pci_destroy_dev} tests-and-sets a removed flag; v4.14/v5.10 check, then clear, with a
     * window between (commit of the change UNVERIFIED; read in the v6.19 tree, assumed in v6.18).
     */
    ATOMIC_REMOVAL_FLAGS,
    /** Fix {@code list-snapshot}: AER collects referenced devices under the read lock, then reports without it. */
    AER_LIST_SNAPSHOT,
    /** Fix {@code deferred-enumeration}: {@code sriov_enable} queues VF enumeration to a work item. */
    DEFERRED_VF_ENUMERATION,
    /** Fix {@code detach-outside-rescan}: drivers are attached and detached outside the rescan lock. */
    DETACH_OUTSIDE_RESCAN,
    /** Fix {@code reentrant-rescan}: the rescan lock records its owner task and a depth. */
    REENTRANT_RESCAN
}
