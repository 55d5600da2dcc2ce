package org.pcistress.model.pci;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * {@code struct pci_driver}: the callbacks the PCI core calls. {@code probe} runs under
 * {@code device_lock(dev)} held by its caller (in a work_on_cpu kworker, usually), {@code remove}
 * under {@code device_lock(dev)}, {@code sriov_configure} under {@code device_lock(PF)} from
 * sysfs. Callbacks may call back into the model: {@code d.core().iov().pciEnableSriov(d, 2)}.
 *
 * <p>Build your own with {@link #builder(String)}; stock drivers are in {@link Drivers}.
 */
public final class PciDriver {
    private final String name;
    private final Predicate<PciDev> idTable;
    private final ToIntFunction<PciDev> probe;
    private final Consumer<PciDev> remove;
    private final SriovConfigure sriovConfigure;
    private final ErrorHandlers errHandler;

    PciDriver(String name, Predicate<PciDev> idTable, ToIntFunction<PciDev> probe, Consumer<PciDev> remove,
            SriovConfigure sriovConfigure, ErrorHandlers errHandler) {
        this.name = name;
        this.idTable = idTable;
        this.probe = probe;
        this.remove = remove;
        this.sriovConfigure = sriovConfigure;
        this.errHandler = errHandler;
    }

    public static DriverBuilder builder(String name) {
        return new DriverBuilder(name);
    }

    public String name() {
        return name;
    }

    /** {@code pci_match_device()} against the id table. */
    public boolean matches(PciDev dev) {
        return idTable.test(dev);
    }

    /** {@code .probe}: 0 or -errno; {@code null} when the driver has none. */
    public ToIntFunction<PciDev> probe() {
        return probe;
    }

    public Consumer<PciDev> remove() {
        return remove;
    }

    public SriovConfigure sriovConfigure() {
        return sriovConfigure;
    }

    public ErrorHandlers errHandler() {
        return errHandler;
    }

    @Override
    public String toString() {
        return name;
    }
}
