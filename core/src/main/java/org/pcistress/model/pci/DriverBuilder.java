package org.pcistress.model.pci;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Builds a {@link PciDriver} from lambdas, which may take model locks:
 * <pre>{@code
 * PciDriver d = PciDriver.builder("my_pf").matching(DeviceRole.PF)
 *         .probe(dev -> dev.core().iov().pciEnableSriov(dev, 2) < 0 ? -5 : 0)
 *         .remove(dev -> dev.core().iov().pciDisableSriov(dev))
 *         .build();
 * }</pre>
 */
public final class DriverBuilder {
    private final String name;
    private Predicate<PciDev> idTable = d -> false;
    private ToIntFunction<PciDev> probe = d -> 0;
    private Consumer<PciDev> remove;
    private SriovConfigure sriovConfigure;
    private ErrorHandlers errHandler;

    DriverBuilder(String name) {
        this.name = Objects.requireNonNull(name);
    }

    /** Binds to devices of these roles. */
    public DriverBuilder matching(DeviceRole... roles) {
        java.util.EnumSet<DeviceRole> set = java.util.EnumSet.noneOf(DeviceRole.class);
        set.addAll(java.util.Arrays.asList(roles));
        this.idTable = d -> set.contains(d.role());
        return this;
    }

    /** Binds to the devices {@code idTable} accepts. */
    public DriverBuilder matching(Predicate<PciDev> idTable) {
        this.idTable = Objects.requireNonNull(idTable);
        return this;
    }

    public DriverBuilder probe(ToIntFunction<PciDev> probe) {
        this.probe = probe;
        return this;
    }

    public DriverBuilder remove(Consumer<PciDev> remove) {
        this.remove = remove;
        return this;
    }

    public DriverBuilder sriovConfigure(SriovConfigure sriovConfigure) {
        this.sriovConfigure = sriovConfigure;
        return this;
    }

    public DriverBuilder errHandler(ErrorHandlers errHandler) {
        this.errHandler = errHandler;
        return this;
    }

    public PciDriver build() {
        return new PciDriver(name, idTable, probe, remove, sriovConfigure, errHandler);
    }
}
