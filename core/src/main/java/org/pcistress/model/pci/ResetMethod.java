package org.pcistress.model.pci;

/**
 * The reset method {@code pci_reset_function} ends in for a device, by the names of the
 * {@code reset_method} sysfs attribute (v5.15+): a device tries its methods in order and uses
 * the first it has, so the model names the one a scenario's device has first. Methods without a
 * lock of their own (device-specific, ACPI {@code _RST}, AF FLR, PM) are not modelled apart from
 * {@link #FLR}.
 */
public enum ResetMethod {
    /**
     * Function Level Reset ({@code pcie_flr}): a config write, a wait, and {@code pci_dev_wait} on
     * the device itself; no lock beyond pci_reset_function's. Every VF has it (SR-IOV requires VF
     * FLR); most PFs do.
     */
    FLR("flr"),
    /**
     * The bus method ({@code pci_reset_bus_function}): the slot's secondary bus reset through the
     * hotplug driver's {@code reset_slot} op ({@code pciehp_reset_slot}), or the parent bridge's
     * secondary bus reset; both refuse a device that shares its slot or bus with another function,
     * such as a PF with VFs enabled. A PF gets it when it has no FLR, or (v5.15+) after
     * {@code echo bus > reset_method}.
     */
    BUS("bus");

    private final String sysfsName;

    ResetMethod(String sysfsName) {
        this.sysfsName = sysfsName;
    }

    /** The method's name in {@code reset_method}: {@code flr}, {@code bus}. */
    public String sysfsName() {
        return sysfsName;
    }
}
