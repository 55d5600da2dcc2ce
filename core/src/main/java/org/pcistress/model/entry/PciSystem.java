package org.pcistress.model.entry;

import java.util.List;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.kernel.locking.Scheduler;
import org.pcistress.model.aer.AerRecovery;
import org.pcistress.model.eeh.EehDriver;
import org.pcistress.model.hotplug.PciehpPci;
import org.pcistress.model.pci.DeviceRole;
import org.pcistress.model.pci.Integrity;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.profile.Profile;

/**
 * One booted system, as a harness holds it: the PCI core ({@link #core()}), the services that sit
 * above drivers/pci (AER, EEH, pciehp), and the {@link #entry() entry points} that drive them all.
 * Harnesses boot it ({@link #boot}), run entry points, and end with {@link #finish()}.
 */
public final class PciSystem {
    private final PciCore core;
    private final AerRecovery aer;
    private final EehDriver eeh;
    private final PciehpPci pciehp;
    private final EntryPoints entry;

    private PciSystem(PciCore core) {
        this.core = core;
        this.aer = new AerRecovery(core);
        this.eeh = new EehDriver(core);
        this.pciehp = new PciehpPci(core);
        this.entry = new EntryPoints(core, aer, eeh, pciehp);
    }

    public static PciSystem boot(Profile profile, Topology topology) {
        return boot(profile, topology, KernelConfig.defaults());
    }

    public static PciSystem boot(Profile profile, Topology topology, KernelConfig config) {
        return boot(profile, topology, new Kernel(config));
    }

    /** Boots on a kernel whose scheduler the caller supplies (the explorer's). */
    public static PciSystem boot(Profile profile, Topology topology, KernelConfig config, Scheduler scheduler) {
        return boot(profile, topology, new Kernel(config, scheduler));
    }

    /**
     * Boots on {@code kernel}: the boot-time scan, then the boot drivers' registration, then
     * {@code sriov_numvfs} for VFs at boot, all as task {@code swapper/0} on the calling thread.
     */
    public static PciSystem boot(Profile profile, Topology topology, Kernel kernel) {
        PciSystem sys = new PciSystem(PciCore.scanAtBoot(profile, topology, kernel));
        if (topology.numVfsAtBoot() > 0) {
            sys.entry.sriovNumvfsStore(topology.pf(), topology.numVfsAtBoot());
        }
        sys.enableExtraVfs();
        return sys;
    }

    /**
     * {@code sriov_numvfs} of every extra PF ({@link Topology#withExtraPfs}), as a udev rule would
     * write it after boot: one task each (under deferred-enumeration, each PF's VFs are waited for
     * before the next write). The PFs are taken from the bus lists, not looked up by
     * BDF one by one, so boot stays linear in the number of devices.
     */
    private void enableExtraVfs() {
        Topology topology = core.topology();
        int n = topology.extra().vfsEach();
        if (n == 0 || topology.extra().pfs() == 0) {
            return;
        }
        Kernel kernel = core.kernel();
        for (int number : topology.extra().buses()) {
            PciBus bus = core.bus(number);
            for (PciDev d : bus == null ? List.<PciDev>of() : bus.entries()) {
                if (d.role() == DeviceRole.PF && !d.bdf().equals(Topology.PF) && d.numVfs() == 0) {
                    core.pciDevGet(d);
                    try {
                        kernel.runCatching("sriov_numvfs_store", () -> core.iov().sriovNumvfsStore(d, n));
                        var pending = d.enumeration();
                        if (pending != null) {
                            // deferred-enumeration: let this PF's VFs appear before the next write, as
                            // udevadm settle would; hundreds of enumerations at once only queue on pci_bus_sem
                            kernel.runCatching("udevadm", pending::flush);
                        }
                    } finally {
                        core.pciDevPut(d);
                    }
                }
            }
        }
    }

    /**
     * Waits for every worker to exit (within the hung-task bound), runs the integrity checks
     * (bus lists, freed devices still listed, VFs whose PF is gone) and returns the verdict.
     * Call it outside any task, after the actors returned.
     */
    public Verdict finish() {
        core.kernel().quiesce();
        Integrity.checkBusLists(core);
        return new Verdict(core.kernel().reports());
    }

    /** What userspace and hardware can trigger: the only API harnesses drive the model through. */
    public EntryPoints entry() {
        return entry;
    }

    public PciCore core() {
        return core;
    }

    public AerRecovery aer() {
        return aer;
    }

    public EehDriver eeh() {
        return eeh;
    }

    public PciehpPci pciehp() {
        return pciehp;
    }

    public Kernel kernel() {
        return core.kernel();
    }

    public Profile profile() {
        return core.profile();
    }

    public Topology topology() {
        return core.topology();
    }

    /** A registered device by BDF, without a reference: for harness inspection only. */
    public PciDev device(String bdf) {
        return core.device(bdf);
    }

    /** The registered devices, in registration order: for harness inspection only. */
    public List<PciDev> devices() {
        return core.devices();
    }
}
