package org.pcistress.model.pci;

import org.pcistress.kernel.locking.LockClass;

/**
 * What a pci_dev is, for the lockdep class of its {@code dev->mutex}.
 *
 * <p>The kernel puts every {@code dev->mutex} in lockdep's novalidate class
 * ({@code device_initialize()}, drivers/base/core.c, v4.14–v6.19), so real lockdep never reports a
 * device_lock ordering cycle. The model keys the class by role instead ({@code &dev->mutex/PF},
 * {@code /VF}, {@code /bridge}, {@code /endpoint}) so the validator can predict the AER ⇄ SR-IOV
 * cycle; {@link Topology#withKernelDeviceLockClass(boolean)} restores the kernel's novalidate class.
 * Classes are shared by every kernel, so a shared validator graph accumulates across runs.
 */
public enum DeviceRole {
    BRIDGE("bridge"),
    ENDPOINT("endpoint"),
    PF("PF"),
    VF("VF");

    private static final LockClass NOVALIDATE = LockClass.novalidate("&dev->mutex");

    private final String label;
    private final LockClass lockClass;

    DeviceRole(String label) {
        this.label = label;
        this.lockClass = LockClass.modelOnly("&dev->mutex/" + label);
    }

    public String label() {
        return label;
    }

    /** The class of a device of this role's {@code dev->mutex}: by role, or the kernel's novalidate one. */
    public LockClass deviceLockClass(boolean byRole) {
        return byRole ? lockClass : NOVALIDATE;
    }
}
