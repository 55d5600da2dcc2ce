package org.pcistress.model.entry;

import org.pcistress.kernel.locking.Kernel;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;

/**
 * The state a matrix cell boots into, chosen so its entry points have something to do: which PF
 * driver, whether it is loaded and bound, how many VFs are enabled, whether the card is in the
 * slot. Built by a plain boot plus, where a state cannot be booted into directly, entry points run
 * one after the other before the race (unexplored).
 *
 * @param enablingDriver the PF driver enables 2 VFs in its probe (the 2017 driver)
 * @param loaded         the PF driver is registered
 * @param bound          the PF is bound to it
 * @param vfs            VFs enabled
 * @param card           the card is in slot 1
 * @param vfDriver       the VF driver is loaded (so the VFs are bound to it); without it the VFs are
 *                       driverless, which EEH recovers by removing them (no driver casts a vote)
 */
public record BootState(boolean enablingDriver, boolean loaded, boolean bound, int vfs, boolean card,
                        boolean vfDriver) {
    /** The VFs a state with VFs has. */
    public static final int VFS = 2;

    /** Driver loaded and bound, {@value #VFS} VFs enabled, card present: the richest state. */
    public static BootState baseline() {
        return new BootState(false, true, true, VFS, true, true);
    }

    /** The enabling driver (the 2017 one) loaded, the PF unbound, no VFs: a bind has work to do. */
    public static BootState enablingDriverUnbound() {
        return new BootState(true, true, false, 0, true, true);
    }

    /** The enabling driver not loaded: a modprobe has work to do. */
    public static BootState enablingDriverNotLoaded() {
        return new BootState(true, false, false, 0, true, true);
    }

    /** The plain driver loaded and bound, no VFs: sriov_numvfs = N has work to do. */
    public static BootState boundWithoutVfs() {
        return new BootState(false, true, true, 0, true, true);
    }

    /** Slot 1 empty (the enabling driver loaded for when the card comes): a hot-add has work to do. */
    public static BootState emptySlot() {
        return new BootState(true, true, true, 0, false, true);
    }

    /** This state's driver, loaded and bound, with {@value #VFS} VFs enabled, card present. */
    public BootState withVfsEnabled() {
        return new BootState(enablingDriver, true, true, VFS, true, vfDriver);
    }

    /** This state with the card in slot 1. */
    public BootState withCardInSlot() {
        return new BootState(enablingDriver, loaded, bound, vfs, true, vfDriver);
    }

    /**
     * This state with the VF driver not loaded: its VFs are driverless, as VFs kept for assignment
     * are. EEH then removes a frozen VF (every driver EEH-unaware: {@code eeh_reset_device}), the
     * precondition of the S6 race; the stock VF driver votes CAN_RECOVER and is resumed instead.
     */
    public BootState withoutVfDriver() {
        return new BootState(enablingDriver, loaded, bound, vfs, card, false);
    }

    /** The same state made consistent: no PF, no binding; no binding, no VFs; an enabling driver bound has its VFs. */
    public BootState normalized() {
        boolean l = loaded;
        boolean b = bound && l && card;
        int v = b ? (enablingDriver ? VFS : vfs) : 0;
        return new BootState(enablingDriver, l, b, v, card, vfDriver);
    }

    /**
     * The topology this state boots from: the enabling driver's or the standard one, the plain
     * driver registered at boot and its VFs written at boot where the state has them, the card in
     * slot 1 or not. What boot cannot reach is finished by {@link #boot}.
     */
    private Topology topology() {
        Topology t = enablingDriver ? Topology.enablingVfsInProbe(VFS) : Topology.standard();
        boolean atBoot = !enablingDriver && loaded;
        return t.withPfDriverAtBoot(atBoot).withNumVfsAtBoot(atBoot && bound ? vfs : 0).withCardPresent(card)
                .withVfDriverAtBoot(vfDriver);
    }

    /** Boots into this state: the boot, then the entry points that finish the state. */
    public PciSystem boot(Profile profile, Kernel kernel) {
        PciSystem sys = PciSystem.boot(profile, topology(), kernel);
        Topology t = sys.topology();
        if (enablingDriver && loaded) {
            sys.entry().driverLoad(t.pfDriver().name());
        }
        if (loaded && !bound && card) {
            // Disable the probe-enabled VFs through sriov_numvfs first, as a user would: unbinding a PF
            // with VFs is itself a cell (unbind_pf), and in v7.0 it trips the lockdep assert
            // in pci_stop_and_remove_bus_device, which would fail the setup of every cell that only
            // needs an unbound PF.
            sys.entry().sriovNumvfsStore(t.pf(), 0);
            sys.entry().unbindStore(t.pf());
        }
        return sys;
    }

    /** In words: {@code PF driver sriov_pf_probe (enables 2 VFs in probe) loaded, PF unbound, 0 VFs, card present}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("PF driver ").append(enablingDriver ? "sriov_pf_probe (enables " + VFS + " VFs in probe)" : "sriov_pf")
                .append(loaded ? " loaded" : " not loaded");
        if (!card) {
            b.append(", slot 1 empty");
        } else {
            b.append(bound ? ", PF bound, " + vfs + " VFs enabled" : ", PF unbound, no VFs");
        }
        if (!vfDriver) {
            b.append(", VF driver not loaded");
        }
        return b.toString();
    }
}
