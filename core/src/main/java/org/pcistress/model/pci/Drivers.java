package org.pcistress.model.pci;


/** Stock drivers for scenarios. */
public final class Drivers {
    private Drivers() {
    }

    /**
     * A PF driver of the common kind: probe enables nothing; {@code sriov_configure} enables or
     * disables VFs; {@code .remove} disables them (as nearly every PF driver does, O'Halloran 2020);
     * full error handlers.
     */
    public static PciDriver sriovPf() {
        return pfBuilder("sriov_pf").probe(d -> 0).build();
    }

    /** {@link #sriovPf()} with the error handlers {@code h} (a driver whose error_detected does work). */
    public static PciDriver sriovPf(ErrorHandlers h) {
        return pfBuilder("sriov_pf").probe(d -> 0).errHandler(h).build();
    }

    /**
     * A PF driver of the 2017 kind: probe calls {@code pci_enable_sriov(dev, numVfs)} itself (the
     * driver in the AER deadlock report did), so VFs are enumerated inside probe, under
     * {@code device_lock(PF)} held by the prober.
     */
    public static PciDriver sriovPfEnablingInProbe(int numVfs) {
        return pfBuilder("sriov_pf_probe").probe(d -> {
            d.core().iov().pciEnableSriov(d, numVfs); // errors ignored, as such drivers do
            return 0;
        }).build();
    }

    /** A VF driver: error_detected, mmio_enabled and resume but no slot_reset, so EEH removes its VFs. */
    public static PciDriver sriovVf() {
        return sriovVf(ErrorHandlers.withoutSlotReset());
    }

    /** {@link #sriovVf()} with the error handlers {@code h}. */
    public static PciDriver sriovVf(ErrorHandlers h) {
        return PciDriver.builder("sriov_vf").matching(DeviceRole.VF).probe(d -> 0).remove(d -> { })
                .errHandler(h).build();
    }

    /** An endpoint driver with full error handlers. */
    public static PciDriver endpoint() {
        return endpoint(ErrorHandlers.recovering());
    }

    /** {@link #endpoint()} with the error handlers {@code h}. */
    public static PciDriver endpoint(ErrorHandlers h) {
        return PciDriver.builder("endpoint").matching(DeviceRole.ENDPOINT).probe(d -> 0).remove(d -> { })
                .errHandler(h).build();
    }

    private static DriverBuilder pfBuilder(String name) {
        return PciDriver.builder(name).matching(DeviceRole.PF)
                .remove(d -> d.core().iov().pciDisableSriov(d))
                .sriovConfigure(Drivers::sriovConfigure)
                .errHandler(ErrorHandlers.recovering());
    }

    /** The usual {@code .sriov_configure}: 0 disables, n enables; returns n or -errno. */
    public static int sriovConfigure(PciDev dev, int numVfs) {
        if (numVfs == 0) {
            dev.core().iov().pciDisableSriov(dev);
            return 0;
        }
        int rc = dev.core().iov().pciEnableSriov(dev, numVfs);
        return rc < 0 ? rc : numVfs;
    }
}
