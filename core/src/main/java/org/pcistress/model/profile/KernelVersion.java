package org.pcistress.model.profile;

/**
 * The kernel trees the model follows. Differences that are not a lock choice (a function's name,
 * whether a flag is cleared atomically) are keyed on this; lock choices live in {@link Profile}.
 */
public enum KernelVersion {
    /** v4.14.74: the 2017 AER report. */
    V4_14("v4.14"),
    /** v5.10: O'Halloran's 2020 post. */
    V5_10("v5.10"),
    /** v6.18: first release with 05703271c3cd (rescan lock in sriov_add_vfs/sriov_del_vfs). */
    V6_18("v6.18"),
    /** v6.19: still has 05703271c3cd. */
    V6_19("v6.19"),
    /** v7.0: the SR-IOV revert pair (2fa119c0e5e5, a5338e365c45) and the EEH fix 815a8d2feb56; the newest tree read. */
    V7_0("v7.0");

    private final String label;

    KernelVersion(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Is this version {@code other} or newer? */
    public boolean atLeast(KernelVersion other) {
        return compareTo(other) >= 0;
    }
}
