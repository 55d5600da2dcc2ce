package org.pcistress.model.pci;

import java.util.List;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.HeldLock;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.Locks;
import org.pcistress.kernel.locking.Task;

/**
 * The model's CONFIG_DEBUG_LIST, KASAN and refcount_t checks: each builds a {@link Report} with
 * the reporting task's call chain, keeps it in the kernel, and (for {@link #bug}) returns the
 * {@link ModelBug} that stops the path.
 */
public final class Integrity {
    private Integrity() {
    }

    /** Reports and returns the exception to throw: the path stops here. */
    public static ModelBug bug(Kernel kernel, ReportKind kind, String title, String detail) {
        return new ModelBug(report(kernel, kind, title, detail));
    }

    /** Reports and lets the path go on (a WARN). */
    public static Report report(Kernel kernel, ReportKind kind, String title, String detail) {
        Task t = Task.currentOrNull();
        StringBuilder b = new StringBuilder();
        b.append("======================================================\n")
                .append(title).append('\n')
                .append("------------------------------------------------------\n")
                .append(detail).append('\n');
        List<String> tasks;
        if (t == null) {
            b.append("found by the integrity check at finish()\n");
            tasks = List.of();
        } else {
            b.append(t).append(" at: ").append(t.frame() == null ? "(top level)" : t.frame().chain()).append('\n');
            tasks = List.of(t.name());
        }
        Report r = new Report(kind, kind + ": " + title, b.toString(), tasks);
        kernel.report(r);
        return r;
    }

    /**
     * The checks at the end of a run, outside any task: every bus list well formed, no freed
     * device still listed, no VF left whose PF is gone. Each finding is reported to the kernel.
     */
    public static void checkBusLists(PciCore core) {
        Kernel kernel = core.kernel();
        for (PciBus bus : core.buses()) {
            String broken = bus.checkStructure();
            if (broken != null) {
                report(kernel, ReportKind.LIST_CORRUPTION, "bus " + bus.name() + " devices list is corrupt", broken);
                continue;
            }
            for (PciDev d : bus.entries()) {
                if (d.freed()) {
                    report(kernel, ReportKind.USE_AFTER_FREE, "freed pci_dev " + d.bdf() + " still on "
                            + bus.name(), "the last reference was dropped while the device was still on its bus list");
                } else if (d.isVirtfn() && (d.physfn().freed() || !d.physfn().bus().contains(d.physfn()))) {
                    report(kernel, ReportKind.VF_LEAKED, "VF " + d.bdf() + " left on " + bus.name()
                            + " after its PF " + d.physfn().bdf() + " is gone", "VF leaked");
                }
            }
        }
    }

    /**
     * UNLOCKED_CALLBACK instrumentation (never consulted by kernel paths): does the current task, or
     * a task waiting on it (the caller of work_on_cpu), hold {@code dev}'s device_lock?
     */
    public static void checkCallbackLocked(PciDev dev, String callback) {
        Kernel kernel = dev.core().kernel();
        if (!dev.core().tracksLocks()) {
            return;
        }
        // who holds dev's lock (another task may take or drop it meanwhile): the lock's own state
        Locks.reads(kernel, dev.mutex(), null);
        for (Task t = Task.current(); t != null; t = t.parent()) {
            for (HeldLock h : t.heldLocks()) {
                if (h.lock() == dev.mutex()) {
                    return;
                }
            }
        }
        report(kernel, ReportKind.UNLOCKED_CALLBACK, callback + " of " + dev.bdf() + " without device_lock",
                "driver " + (dev.driver() == null ? "?" : dev.driver().name()) + " ." + callback
                        + "() ran while no task on its call path held " + dev.mutex().name());
    }
}
