package org.pcistress.model.aer;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.KernelBug;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.pci.DevFlag;
import org.pcistress.model.pci.ErrorHandlers;
import org.pcistress.model.pci.ErsResult;
import org.pcistress.model.pci.Integrity;
import org.pcistress.model.pci.PciBus;
import org.pcistress.model.pci.PciCore;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.PciDriver;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.KernelVersion;

/**
 * PCIe AER recovery of a non-fatal error: v4.14's aerdrv_core.c {@code aer_isr → do_recovery →
 * broadcast_error_message} and v5.10+'s err.c {@code pcie_do_recovery}. Every broadcast is a
 * {@code pci_walk_bus} (pci_bus_sem read-held throughout) whose callbacks each take
 * {@code device_lock(dev)}: the pci_bus_sem → device_lock order of the 2017 report.
 */
public final class AerRecovery {
    /** The Linux IRQ number the model gives the root port's AER interrupt (any would do). */
    public static final int AER_IRQ = 24;

    private final PciCore core;

    public AerRecovery(PciCore core) {
        this.core = core;
    }

    private boolean v414() {
        return core.profile().version() == KernelVersion.V4_14;
    }

    /**
     * The task AER recovery runs as: v4.14 {@code aer_isr} is a work item (aerdrv_core.c, queued by
     * the hard IRQ handler aer_irq), so a kworker ({@code kworker/u:N+aer_isr}); v5.10+
     * request_threaded_irq(aer_irq, aer_isr, …, "aerdrv"), so the IRQ thread {@code irq/24-aerdrv}.
     */
    public String aerTaskName() {
        return v414() ? core.kernel().kworkerName("aer_isr") : "irq/" + AER_IRQ + "-aerdrv";
    }

    /**
     * The AER service's bottom half for an error reported by {@code dev}: v4.14 runs it as a work
     * item on a kworker and holds {@code rpc->rpc_mutex} (AER_ISR steps) across the recovery; v5.10+
     * run it as the threaded handler of the port's "aerdrv" IRQ ({@code irq/NN-aerdrv}): see
     * {@link #aerTaskName()}.
     *
     * @kernel drivers/pci/pcie/aer/aerdrv_core.c:aer_isr() v4.14; drivers/pci/pcie/aer.c:aer_isr() v5.10 v6.19
     */
    public void aerIsr(PciDev dev) {
        try (var f = Task.enter("aer_isr")) {
            core.locked(KernelPath.AER_ISR, dev, () -> {
                try (var g = Task.enter("aer_isr_one_error"); var h = Task.enter("aer_process_err_devices");
                        var i = Task.enter("handle_error_source")) {
                    doRecovery(dev);
                }
            });
        }
    }

    /**
     * error_detected to every device below the bus, then mmio_enabled (CAN_RECOVER) or
     * slot_reset (NEED_RESET), then resume if all recovered. v4.14.74 walks the reporting bridge's
     * secondary bus, and for an endpoint calls the callback on the endpoint alone (a non-fatal error:
     * AER_NONFATAL_ENDPOINT_ONLY; the model has no fatal errors); v5.10+ walk the secondary bus of
     * the upstream bridge for an endpoint too.
     *
     * @kernel drivers/pci/pcie/aer/aerdrv_core.c:do_recovery() v4.14; drivers/pci/pcie/err.c:pcie_do_recovery() v5.10 v6.19
     */
    public void doRecovery(PciDev dev) {
        try (var f = Task.enter(v414() ? "do_recovery" : "pcie_do_recovery")) {
            dev.check("do_recovery");
            // v4.14.74 broadcast_error_message: a bridge's subordinate bus; an endpoint's non-fatal
            // error to the endpoint only. v5.10+: the subordinate of dev, or of dev->bus->self for an
            // endpoint (pci_walk_bridge in v6.x): the same devices as dev->bus in the model.
            PciBus bus = dev.subordinate() != null ? dev.subordinate() : dev.bus();
            List<Expect> expected = snapshot(endpointOnly(dev) ? List.of(dev) : bus.entries());
            ErsResult status = broadcast(dev, bus, "error_detected", ErsResult.CAN_RECOVER);
            if (status == ErsResult.CAN_RECOVER) {
                status = broadcast(dev, bus, "mmio_enabled", ErsResult.RECOVERED);
            }
            if (status == ErsResult.NEED_RESET) {
                status = broadcast(dev, bus, "slot_reset", ErsResult.RECOVERED);
            }
            if (status == ErsResult.RECOVERED) {
                broadcast(dev, bus, "resume", ErsResult.RECOVERED);
            }
            checkBroadcast(bus, expected);
        }
    }

    /**
     * One broadcast on its own, for benchmarks of the walk: {@code report_<callback>}
     * ({@code error_detected}, {@code mmio_enabled}, {@code slot_reset} or {@code resume}) to every
     * device below {@code dev}, over the bus {@link #doRecovery} would walk, with the profile's
     * locks and walk, but outside a recovery: no other broadcast, no integrity snapshot or check.
     * Runs in the calling task; see {@link #broadcastTask} for one of its own.
     *
     * @return the merged vote, starting from CAN_RECOVER for error_detected, RECOVERED otherwise
     */
    public ErsResult broadcastOne(PciDev dev, String callback) {
        if (!List.of("error_detected", "mmio_enabled", "slot_reset", "resume").contains(callback)) {
            throw new IllegalArgumentException("no report_" + callback);
        }
        PciBus bus = dev.check("broadcast").subordinate() != null ? dev.subordinate() : dev.bus();
        return broadcast(dev, bus, callback, callback.equals("error_detected") ? ErsResult.CAN_RECOVER : ErsResult.RECOVERED);
    }

    /**
     * {@link #broadcastOne} as a task of its own on the calling thread, named as the AER thread of
     * the profile ({@code irq/24-aerdrv}, or v4.14's kworker), as an entry point would run it.
     *
     * @return the merged vote, or {@code null} when the task ended in a kernel bug (reported)
     */
    public ErsResult broadcastTask(PciDev dev, String callback) {
        try {
            return core.kernel().call(aerTaskName(), () -> broadcastOne(dev, callback));
        } catch (KernelBug bug) {
            return null;
        }
    }

    /** v4.14.74: a non-fatal error reported by an endpoint (no secondary bus) reaches that endpoint only. */
    private boolean endpointOnly(PciDev source) {
        return core.profile().has(Feature.AER_NONFATAL_ENDPOINT_ONLY) && source.subordinate() == null;
    }

    /**
     * One broadcast: {@code pci_walk_bus} with the report callback; with fix list-snapshot, the walk
     * only collects referenced devices and the callbacks run after {@code up_read}; in v4.14.74, for
     * an endpoint {@code source}, the callback on the endpoint alone (no walk, no pci_bus_sem).
     *
     * @kernel drivers/pci/pcie/aer/aerdrv_core.c:broadcast_error_message() v4.14
     */
    private ErsResult broadcast(PciDev source, PciBus bus, String which, ErsResult initial) {
        try (var f = v414() ? Task.enter("broadcast_error_message") : null;
                var g = core.profile().version().atLeast(KernelVersion.V6_18) ? Task.enter("pci_walk_bridge") : null) {
            ErsResult[] result = {initial};
            if (endpointOnly(source)) {
                report(source, which, result);
            } else if (core.profile().has(Feature.AER_LIST_SNAPSHOT)) {
                List<PciDev> devs = new ArrayList<>();
                core.busOps().pciWalkBus(bus, d -> {
                    devs.add(core.pciDevGet(d));
                    return 0;
                });
                for (int i = 0; i < devs.size(); i++) {
                    try {
                        report(devs.get(i), which, result);
                    } finally {
                        core.pciDevPut(devs.get(i));
                    }
                }
            } else {
                core.busOps().pciWalkBus(bus, d -> report(d, which, result));
            }
            return result[0];
        }
    }

    /**
     * {@code report_error_detected} / {@code report_mmio_enabled} / {@code report_slot_reset} /
     * {@code report_resume}: under {@code device_lock(dev)} (AER_REPORT steps), the driver's
     * handler votes; a device without error_detected votes NO_AER_DRIVER (bridges NONE).
     *
     * @kernel drivers/pci/pcie/err.c:report_error_detected() v5.10 v6.19 (v4.14: aerdrv_core.c)
     */
    private int report(PciDev dev, String which, ErsResult[] result) {
        if (core.profile().has(Feature.AER_SKIP_VIRTFN) && dev.isVirtfn()) {
            return 0; // the deliberately broken fix: VFs never hear of the error
        }
        boolean normal = !v414() && which.equals("error_detected");
        try (var e = normal ? Task.enter("report_normal_detected") : null; var f = Task.enter("report_" + which)) {
            core.locked(KernelPath.AER_REPORT, dev, () -> {
                PciDriver drv = dev.check("report_" + which).pciDriver(); // dev->driver of the pci_dev
                ErrorHandlers h = drv == null ? null : drv.errHandler();
                switch (which) {
                    case "error_detected":
                        dev.errorState("io_normal");
                        if (h == null || h.errorDetected() == null) {
                            vote(result, dev.isBridge() ? ErsResult.NONE : ErsResult.NO_AER_DRIVER);
                        } else {
                            Integrity.checkCallbackLocked(dev, "error_detected");
                            dev.errorDetectedCalls().incrementAndGet();
                            vote(result, h.errorDetected().apply(dev));
                        }
                        break;
                    case "mmio_enabled":
                        if (h != null && h.mmioEnabled() != null) {
                            Integrity.checkCallbackLocked(dev, "mmio_enabled");
                            vote(result, h.mmioEnabled().apply(dev));
                        }
                        break;
                    case "slot_reset":
                        if (h != null && h.slotReset() != null) {
                            Integrity.checkCallbackLocked(dev, "slot_reset");
                            vote(result, h.slotReset().apply(dev));
                        }
                        break;
                    default:
                        if (h != null && h.resume() != null) {
                            Integrity.checkCallbackLocked(dev, "resume");
                            h.resume().accept(dev);
                        }
                }
            });
            return 0;
        }
    }

    private static void vote(ErsResult[] result, ErsResult v) {
        result[0] = ErsResult.mergeResult(result[0], v);
    }

    /** A device the recovery must reach: bound, with error_detected, present at the start. */
    private record Expect(PciDev dev, PciDriver driver, int calls, int bindings) {
    }

    /** Instrumentation only (no locks): who is on the bus with an AER-aware driver right now. */
    private static List<Expect> snapshot(List<PciDev> devices) {
        List<Expect> out = new ArrayList<>();
        for (PciDev d : devices) {
            PciDriver drv = d.pciDriver();
            if (!d.freed() && d.is(DevFlag.ADDED) && drv != null && drv.errHandler() != null
                    && drv.errHandler().errorDetected() != null) {
                out.add(new Expect(d, drv, d.errorDetectedCalls().get(), d.bindings()));
            }
        }
        return out;
    }

    /**
     * MISSED_BROADCAST: present and bound to the same driver throughout, yet no error_detected.
     * "Throughout" is the binding count, not the driver at both ends: a driver unbound and bound
     * again mid-recovery (the walk may pass the device while it is driverless) is no miss.
     */
    private void checkBroadcast(PciBus bus, List<Expect> expected) {
        for (Expect e : expected) {
            PciDev d = e.dev();
            if (!d.freed() && d.bindings() == e.bindings() && d.pciDriver() == e.driver() && bus.contains(d)
                    && d.errorDetectedCalls().get() == e.calls()) {
                Integrity.report(core.kernel(), ReportKind.MISSED_BROADCAST, d.bdf() + " missed error_detected",
                        "driver " + e.driver().name() + " of " + d.bdf()
                                + " was bound for the whole recovery and never got error_detected");
            }
        }
    }
}
