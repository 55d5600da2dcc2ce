package org.pcistress.model.sysfs;

import java.util.function.ToIntFunction;
import org.pcistress.model.PciCore;
import org.pcistress.model.Topology;

/**
 * Every entry point with fixed arguments on the standard topology's devices, so a scenario matrix
 * can run every pair by value: {@code EntryPoint.UNBIND_PF.run(core)}.
 */
public enum EntryPoint {
    BIND_PF("bind the PF to its driver", c -> c.entry().bindStore(t(c).pf(), t(c).pfDriver().name())),
    UNBIND_PF("unbind the PF's driver", c -> c.entry().unbindStore(t(c).pf())),
    BIND_VF("bind VF 0 to the VF driver", c -> c.entry().bindStore(t(c).vf(0), t(c).vfDriver().name())),
    UNBIND_VF("unbind VF 0's driver", c -> c.entry().unbindStore(t(c).vf(0))),
    REMOVE_PF("sysfs remove of the PF", c -> c.entry().removeStore(t(c).pf())),
    REMOVE_VF("sysfs remove of VF 0", c -> c.entry().removeStore(t(c).vf(0))),
    RESCAN("sysfs rescan", c -> c.entry().rescanStore()),
    SRIOV_ENABLE("sriov_numvfs = TotalVFs", c -> c.entry().sriovNumvfsStore(t(c).pf(), t(c).totalVfs())),
    SRIOV_DISABLE("sriov_numvfs = 0", c -> c.entry().sriovNumvfsStore(t(c).pf(), 0)),
    LOAD_PF_DRIVER("modprobe the PF driver", c -> c.entry().driverLoad(t(c).pfDriver().name())),
    UNLOAD_PF_DRIVER("rmmod the PF driver", c -> c.entry().driverUnload(t(c).pfDriver().name())),
    LOAD_VF_DRIVER("modprobe the VF driver", c -> c.entry().driverLoad(t(c).vfDriver().name())),
    UNLOAD_VF_DRIVER("rmmod the VF driver", c -> c.entry().driverUnload(t(c).vfDriver().name())),
    AER_PF("AER non-fatal error reported by the PF", c -> c.entry().aerError(t(c).pf())),
    AER_ROOT_PORT("AER non-fatal error reported by the root port", c -> c.entry().aerError(t(c).rootPort())),
    EEH_PF("EEH freeze of the PF", c -> c.entry().eehEvent(t(c).pf())),
    EEH_VF("EEH freeze of VF 0", c -> c.entry().eehEvent(t(c).vf(0))),
    HOT_UNPLUG("card pulled from slot 1", c -> c.entry().hotUnplug(t(c).slot())),
    HOT_ADD("card inserted into slot 1", c -> c.entry().hotAdd(t(c).slot()));

    private final String description;
    private final ToIntFunction<PciCore> action;

    EntryPoint(String description, ToIntFunction<PciCore> action) {
        this.description = description;
        this.action = action;
    }

    private static Topology t(PciCore c) {
        return c.topology();
    }

    /** Runs this event on the calling thread; the entry point's result (0, -errno, or KERNEL_BUG). */
    public int run(PciCore core) {
        return action.applyAsInt(core);
    }

    public String description() {
        return description;
    }
}
