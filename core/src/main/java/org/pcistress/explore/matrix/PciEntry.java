package org.pcistress.explore.matrix;

import java.util.function.UnaryOperator;
import org.pcistress.model.sysfs.EntryPoint;

/**
 * The matrix's entry points: the model's {@link EntryPoint}s a kernel developer races, each with
 * the state it needs to do something (a bind needs an unbound PF, numvfs 0 needs VFs, hot-add an
 * empty slot).
 */
public enum PciEntry {
    BIND_PF("bind_pf", EntryPoint.BIND_PF, s -> new BootState(true, true, false, 0, true)),
    UNBIND_PF("unbind_pf", EntryPoint.UNBIND_PF, s -> new BootState(s.enablingDriver(), true, true, BootState.VFS, true)),
    LOAD_PF("load_pf", EntryPoint.LOAD_PF_DRIVER, s -> new BootState(true, false, false, 0, true)),
    UNLOAD_PF("unload_pf", EntryPoint.UNLOAD_PF_DRIVER,
            s -> new BootState(s.enablingDriver(), true, true, BootState.VFS, true)),
    NUMVFS_N("numvfs_n", EntryPoint.SRIOV_ENABLE, s -> new BootState(false, true, true, 0, true)),
    NUMVFS_0("numvfs_0", EntryPoint.SRIOV_DISABLE, s -> new BootState(s.enablingDriver(), true, true, BootState.VFS, true)),
    REMOVE_PF("remove_pf", EntryPoint.REMOVE_PF, s -> s),
    REMOVE_VF("remove_vf", EntryPoint.REMOVE_VF, s -> new BootState(s.enablingDriver(), true, true, BootState.VFS, true)),
    RESCAN("rescan", EntryPoint.RESCAN, s -> s),
    AER("aer", EntryPoint.AER_ROOT_PORT, s -> s),
    EEH_VF("eeh_vf", EntryPoint.EEH_VF, s -> new BootState(s.enablingDriver(), true, true, BootState.VFS, true)),
    EEH_PF("eeh_pf", EntryPoint.EEH_PF, s -> s),
    HOT_UNPLUG("hot_unplug", EntryPoint.HOT_UNPLUG, s -> new BootState(s.enablingDriver(), s.loaded(), s.bound(),
            s.vfs(), true)),
    HOT_ADD("hot_add", EntryPoint.HOT_ADD, s -> new BootState(true, true, true, 0, false));

    private final String id;
    private final EntryPoint entryPoint;
    private final UnaryOperator<BootState> needs;

    PciEntry(String id, EntryPoint entryPoint, UnaryOperator<BootState> needs) {
        this.id = id;
        this.entryPoint = entryPoint;
        this.needs = needs;
    }

    public String id() {
        return id;
    }

    public EntryPoint entryPoint() {
        return entryPoint;
    }

    /** {@code s} changed as this entry point needs it. */
    BootState needs(BootState s) {
        return needs.apply(s);
    }

    public Entry entry() {
        return new Entry(id, entryPoint.description());
    }

    /** By id ({@code bind_pf}) or by enum name ({@code BIND_PF}), or {@code null}. */
    public static PciEntry byId(String id) {
        for (PciEntry e : values()) {
            if (e.id.equals(id) || e.name().equalsIgnoreCase(id)) {
                return e;
            }
        }
        return null;
    }
}
