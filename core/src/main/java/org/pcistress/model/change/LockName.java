package org.pcistress.model.change;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.model.profile.LockStep;

/**
 * A lock as a lock change names it: the kernel's spelling of the lock, one per {@link LockStep}.
 * {@code device_lock(dev->parent)} is the parent's {@code dev->mutex}; {@code pci_bus_sem(read)}
 * is {@code down_read(&pci_bus_sem)}.
 */
public enum LockName {
    /** {@code pci_lock_rescan_remove()}: the global mutex of drivers/pci/probe.c. */
    RESCAN_REMOVE("pci_rescan_remove_lock", LockStep.RESCAN_REMOVE),
    /** {@code device_lock(dev)}. */
    DEVICE("device_lock(dev)", LockStep.DEVICE_LOCK_SELF),
    /** {@code device_lock(dev->parent)}. */
    DEVICE_PARENT("device_lock(dev->parent)", LockStep.DEVICE_LOCK_PARENT),
    /** {@code device_lock(&dev->physfn->dev)}: a VF's PF. */
    DEVICE_PF("device_lock(dev->physfn)", LockStep.DEVICE_LOCK_PF),
    /** {@code down_read(&pci_bus_sem)}. */
    BUS_SEM_READ("pci_bus_sem(read)", LockStep.BUS_SEM_READ),
    /** {@code down_write(&pci_bus_sem)}. */
    BUS_SEM_WRITE("pci_bus_sem(write)", LockStep.BUS_SEM_WRITE),
    /** {@code pci_cfg_access_lock(dev)}. */
    CFG_ACCESS("pci_cfg_access_lock(dev)", LockStep.CFG_ACCESS_SELF),
    /** v4.14 {@code rpc->rpc_mutex} of the AER root port service. */
    RPC_MUTEX("rpc->rpc_mutex", LockStep.RPC_MUTEX),
    /** {@code down_read(&ctrl->reset_lock)}: slot 1's pciehp controller, for read (v4.19+). */
    RESET_LOCK_READ("ctrl->reset_lock(read)", LockStep.RESET_LOCK_READ),
    /** {@code down_write(&ctrl->reset_lock)}: slot 1's pciehp controller, for write. */
    RESET_LOCK_WRITE("ctrl->reset_lock(write)", LockStep.RESET_LOCK_WRITE);

    private final String text;
    private final LockStep step;

    LockName(String text, LockStep step) {
        this.text = text;
        this.step = step;
    }

    /** The spelling in a lock change. */
    public String text() {
        return text;
    }

    public LockStep step() {
        return step;
    }

    /** The lock spelled {@code text}, or {@code null}. */
    public static LockName parse(String text) {
        String t = text.trim();
        for (LockName l : values()) {
            if (l.text.equals(t)) {
                return l;
            }
        }
        return null;
    }

    /** The lock for {@code step}. */
    public static LockName of(LockStep step) {
        for (LockName l : values()) {
            if (l.step == step) {
                return l;
            }
        }
        throw new IllegalArgumentException("no name for " + step);
    }

    /** Every spelling, for error messages. */
    public static List<String> known() {
        List<String> out = new ArrayList<>();
        for (LockName l : values()) {
            out.add(l.text);
        }
        return out;
    }
}
