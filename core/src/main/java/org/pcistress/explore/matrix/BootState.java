package org.pcistress.explore.matrix;

import org.pcistress.model.PciCore;
import org.pcistress.model.Topology;
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
 */
public record BootState(boolean enablingDriver, boolean loaded, boolean bound, int vfs, boolean card) {
    static final int VFS = 2;

    /** Driver loaded and bound, {@value #VFS} VFs enabled, card present: the richest state. */
    static BootState baseline() {
        return new BootState(false, true, true, VFS, true);
    }

    /** The same state made consistent: no PF, no binding; no binding, no VFs; an enabling driver bound has its VFs. */
    BootState normalized() {
        boolean l = loaded;
        boolean b = bound && l && card;
        int v = b ? (enablingDriver ? VFS : vfs) : 0;
        return new BootState(enablingDriver, l, b, v, card);
    }

    /** Boots {@code profile} into this state on {@code core}'s kernel; the caller passes the booted core. */
    static Topology topology(BootState s) {
        Topology t = s.enablingDriver ? Topology.enablingVfsInProbe(VFS) : Topology.standard();
        boolean atBoot = !s.enablingDriver && s.loaded;
        return t.withPfDriverAtBoot(atBoot).withNumVfsAtBoot(atBoot && s.bound ? s.vfs : 0).withCardPresent(s.card);
    }

    /** Boots into this state: the boot, then the entry points that finish the state. */
    PciCore boot(Profile profile, org.pcistress.kernel.locking.Kernel kernel) {
        PciCore core = PciCore.boot(profile, topology(this), kernel);
        Topology t = core.topology();
        if (enablingDriver && loaded) {
            core.entry().driverLoad(t.pfDriver().name());
        }
        if (loaded && !bound && card) {
            // Disable the probe-enabled VFs through sriov_numvfs first, as a user would: unbinding a PF
            // with VFs is itself a cell (unbind_pf), and in v6.19+revert it trips the lockdep assert
            // in pci_stop_and_remove_bus_device, which would fail the setup of every cell that only
            // needs an unbound PF.
            core.entry().sriovNumvfsStore(t.pf(), 0);
            core.entry().unbindStore(t.pf());
        }
        return core;
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
        return b.toString();
    }
}
