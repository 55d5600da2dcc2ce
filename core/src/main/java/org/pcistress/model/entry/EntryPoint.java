package org.pcistress.model.entry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;
import org.pcistress.model.pci.ResetMethod;
import org.pcistress.model.pci.Topology;

/**
 * Every entry point with fixed arguments on the standard topology's devices, by one name from
 * test to report: an id ({@code load_pf}, used in matrix cells and on the command line), a title,
 * and, for the entry points the scenario matrix races, the state it needs to do something (a bind
 * needs an unbound PF, numvfs 0 needs VFs, hot-add an empty slot). Runs by value:
 * {@code EntryPoint.UNBIND_PF.run(sys)}.
 */
public enum EntryPoint implements Trigger {
    // the matrix's entry points, in matrix order
    BIND_PF("bind_pf", "bind the PF to its driver", s -> BootState.enablingDriverUnbound(),
            c -> c.entry().bindStore(t(c).pf(), t(c).pfDriver().name())),
    UNBIND_PF("unbind_pf", "unbind the PF's driver", BootState::withVfsEnabled,
            c -> c.entry().unbindStore(t(c).pf())),
    LOAD_PF("load_pf", "modprobe the PF driver", s -> BootState.enablingDriverNotLoaded(),
            c -> c.entry().driverLoad(t(c).pfDriver().name())),
    UNLOAD_PF("unload_pf", "rmmod the PF driver", BootState::withVfsEnabled,
            c -> c.entry().driverUnload(t(c).pfDriver().name())),
    NUMVFS_N("numvfs_n", "sriov_numvfs = TotalVFs", s -> BootState.boundWithoutVfs(),
            c -> c.entry().sriovNumvfsStore(t(c).pf(), t(c).totalVfs())),
    NUMVFS_0("numvfs_0", "sriov_numvfs = 0", BootState::withVfsEnabled,
            c -> c.entry().sriovNumvfsStore(t(c).pf(), 0)),
    REMOVE_PF("remove_pf", "sysfs remove of the PF", s -> s, c -> c.entry().removeStore(t(c).pf())),
    RESCAN("rescan", "sysfs rescan", s -> s, c -> c.entry().rescanStore()),
    AER("aer", "AER non-fatal error reported by the root port", s -> s,
            c -> c.entry().aerError(t(c).rootPort())),
    EEH_VF("eeh_vf", "EEH freeze of VF 0 (no VF driver)", s -> s.withVfsEnabled().withoutVfDriver(),
            c -> c.entry().eehEvent(t(c).vf(0))),
    EEH_PF("eeh_pf", "EEH freeze of the PF", s -> s, c -> c.entry().eehEvent(t(c).pf())),
    HOT_UNPLUG("hot_unplug", "card pulled from slot 1", BootState::withCardInSlot,
            c -> c.entry().hotUnplug(t(c).slot())),
    HOT_ADD("hot_add", "card inserted into slot 1", s -> BootState.emptySlot(), c -> c.entry().hotAdd(t(c).slot())),
    RESET_PF("reset_pf", "sysfs reset of the PF (FLR)", s -> s,
            c -> c.entry().resetStore(t(c).pf(), ResetMethod.FLR)),
    RESET_PF_BUS("reset_pf_bus", "sysfs reset of the PF by the slot's bus reset (pciehp reset_slot)",
            s -> BootState.boundWithoutVfs(), c -> c.entry().resetStore(t(c).pf(), ResetMethod.BUS)),
    NUMVFS_READ("numvfs_read", "cat sriov_numvfs", s -> s, c -> c.entry().sriovNumvfsShow(t(c).pf())),

    // entry points the matrix does not race (no state of their own)
    BIND_VF("bind_vf", "bind VF 0 to the VF driver", null,
            c -> c.entry().bindStore(t(c).vf(0), t(c).vfDriver().name())),
    UNBIND_VF("unbind_vf", "unbind VF 0's driver", null, c -> c.entry().unbindStore(t(c).vf(0))),
    LOAD_VF("load_vf", "modprobe the VF driver", null, c -> c.entry().driverLoad(t(c).vfDriver().name())),
    UNLOAD_VF("unload_vf", "rmmod the VF driver", null, c -> c.entry().driverUnload(t(c).vfDriver().name())),
    AER_PF("aer_pf", "AER non-fatal error reported by the PF", null, c -> c.entry().aerError(t(c).pf())),
    RESET_VF("reset_vf", "sysfs reset of VF 0 (FLR)", null, c -> c.entry().resetStore(t(c).vf(0), ResetMethod.FLR));

    private final String id;
    private final String title;
    private final UnaryOperator<BootState> needs;
    private final ToIntFunction<PciSystem> action;

    EntryPoint(String id, String title, UnaryOperator<BootState> needs, ToIntFunction<PciSystem> action) {
        this.id = id;
        this.title = title;
        this.needs = needs;
        this.action = action;
    }

    private static Topology t(PciSystem c) {
        return c.topology();
    }

    /** Runs this event on the calling thread; the entry point's result (0, -errno, or KERNEL_BUG). */
    @Override
    public int run(PciSystem sys) {
        return action.applyAsInt(sys);
    }

    /** A short, stable name: {@code bind_pf}. */
    @Override
    public String id() {
        return id;
    }

    /** What it does, in the kernel's words. */
    @Override
    public String title() {
        return title;
    }

    /** Does the scenario matrix race this entry point? */
    @Override
    public boolean inMatrix() {
        return needs != null;
    }

    /** {@code s} changed as this entry point needs it; only for {@link #inMatrix()} entry points. */
    @Override
    public BootState needs(BootState s) {
        if (needs == null) {
            throw new IllegalStateException(id + " is not a matrix entry point");
        }
        BootState out = needs.apply(s);
        // no entry point needs the VF driver loaded: once one drops it (eeh_vf), it stays dropped
        return s.vfDriver() ? out : out.withoutVfDriver();
    }

    /** The matrix's entry points, in matrix order. */
    public static List<EntryPoint> matrix() {
        List<EntryPoint> out = new ArrayList<>();
        for (EntryPoint e : values()) {
            if (e.inMatrix()) {
                out.add(e);
            }
        }
        return out;
    }

    /** A matrix entry point by id ({@code bind_pf}) or by enum name ({@code BIND_PF}), or {@code null}. */
    public static EntryPoint byId(String id) {
        for (EntryPoint e : matrix()) {
            if (e.id.equals(id) || e.name().equalsIgnoreCase(id)) {
                return e;
            }
        }
        return null;
    }
}
