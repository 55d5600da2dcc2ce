package org.pcistress.model.pci;

/**
 * The target of a {@code Locks.sharedAccess} scheduling point in the model: an unlocked read or
 * write of pci_dev state at a named site, e.g. {@code pci_stop_dev:is_added(01:00.2)}. Schedulers
 * (the explorer, scripted test schedulers) match on {@link #site()} and {@link #bdf()}.
 *
 * @param site the kernel function and the field, {@code function:field}
 * @param bdf  the device
 */
public record Access(String site, String bdf) {
    @Override
    public String toString() {
        return site + "(" + bdf + ")";
    }
}
