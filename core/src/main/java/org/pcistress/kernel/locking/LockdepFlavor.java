package org.pcistress.kernel.locking;

/**
 * Which validator's view of the dependencies: the model's own, or what the kernel's lockdep
 * (kernel/locking/lockdep.c) would record for the same run. Both can watch one run side by side
 * ({@link Lockdep#of}), each with its own graph, so a user sees what pcistress predicts and which
 * of those predictions the kernel would print too.
 */
public enum LockdepFlavor {
    /**
     * pcistress's validator: device locks classed by role ({@code &dev->mutex/PF}, …), work items
     * (their {@code lockdep_map}, as the kernel tracks them) and completions (a waiter depends on
     * what the completer takes before it completes, as the reverted cross-release feature did).
     */
    PCISTRESS("pcistress"),
    /**
     * The kernel's lockdep: {@code dev->mutex} and {@code pci_cfg_access_lock} are not validated
     * ({@code lockdep_set_novalidate_class()} in drivers/base/core.c:device_initialize(); the
     * cfg-access "lock" is a flag and a wait queue with no lockdep map), work items are
     * ({@code flush_work()} and {@code process_one_work()} acquire the work's map), completions are
     * not (cross-release was reverted in v4.15, e966eaeeb623).
     */
    KERNEL("kernel");

    private final String id;

    LockdepFlavor(String id) {
        this.id = id;
    }

    /** {@code pcistress} or {@code kernel}, as the command line spells it. */
    public String id() {
        return id;
    }

    public static LockdepFlavor of(String id) {
        for (LockdepFlavor f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown lockdep flavour '" + id + "' (known: pcistress, kernel)");
    }
}
