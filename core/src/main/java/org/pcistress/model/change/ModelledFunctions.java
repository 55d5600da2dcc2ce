package org.pcistress.model.change;

import static org.pcistress.model.profile.KernelPath.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcistress.model.profile.Feature;
import org.pcistress.model.profile.KernelPath;

/**
 * The kernel functions a lock change may name, with their places and the paths those are in the
 * model. Names and files follow the v6.19 tree (v4.14 names differ for a few: its sysfs rescan is
 * {@code bus_rescan_store}/{@code dev_rescan_store}, its AER core is aerdrv_core.c). Which call a
 * lock brackets was read from the model's own paths ({@code core.locked(KernelPath…)}), each of
 * which cites the kernel function it follows.
 */
public final class ModelledFunctions {
    private static final String IOV = "drivers/pci/iov.c";
    private static final String DD = "drivers/base/dd.c";
    private static final String BUS = "drivers/base/bus.c";
    private static final String EEH = "arch/powerpc/kernel/eeh_driver.c";
    private static final String PCI = "drivers/pci/pci.c";
    private static final String PCIEHP = "drivers/pci/hotplug/pciehp_pci.c";
    private static final List<String> AER_REPORTS = List.of("report_error_detected", "report_mmio_enabled",
            "report_slot_reset", "report_resume");

    private static final Map<String, ModelledFunction> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, Variant> VARIANTS = new LinkedHashMap<>();
    private static final Map<String, Companion> COMPANIONS = new LinkedHashMap<>();

    static {
        fn(IOV, "sriov_numvfs_store", List.of(body(SRIOV_NUMVFS_STORE), call("sriov_configure", SRIOV_CONFIGURE)),
                Map.of(LockName.DEVICE, SRIOV_NUMVFS_STORE, LockName.RESCAN_REMOVE, SRIOV_CONFIGURE), List.of());
        fn(IOV, "sriov_add_vfs", List.of(call("pci_iov_add_virtfn", SRIOV_ADD_VFS)), Map.of(),
                List.of("pci_iov_remove_virtfn"));
        fn(IOV, "sriov_del_vfs", List.of(call("pci_iov_remove_virtfn", SRIOV_DEL_VFS)), Map.of(), List.of());
        fn(IOV, "sriov_enable", List.of(callee("sriov_add_vfs", SRIOV_ADD_VFS),
                call("pci_write_config_word", SRIOV_CONFIG_WRITE)),
                Map.of(LockName.CFG_ACCESS, SRIOV_CONFIG_WRITE), List.of());
        fn(IOV, "sriov_disable", List.of(callee("sriov_del_vfs", SRIOV_DEL_VFS),
                call("pci_write_config_word", SRIOV_CONFIG_WRITE)),
                Map.of(LockName.CFG_ACCESS, SRIOV_CONFIG_WRITE), List.of());
        fn("drivers/pci/probe.c", "pci_device_add", List.of(call("list_add_tail", PCI_DEVICE_ADD)),
                Map.of(LockName.BUS_SEM_WRITE, PCI_DEVICE_ADD), List.of("device_add"));
        fn("drivers/pci/remove.c", "pci_destroy_dev", List.of(call("list_del", PCI_DESTROY_DEV)),
                Map.of(LockName.BUS_SEM_WRITE, PCI_DESTROY_DEV), List.of("device_del"));
        fn("drivers/pci/remove.c", "pci_stop_and_remove_bus_device_locked",
                List.of(call("pci_stop_and_remove_bus_device", REMOVE_STORE)),
                Map.of(LockName.RESCAN_REMOVE, REMOVE_STORE), List.of());
        fn("drivers/pci/pci-sysfs.c", "remove_store",
                List.of(callee("pci_stop_and_remove_bus_device_locked", REMOVE_STORE)), Map.of(), List.of());
        for (String f : List.of("rescan_store", "bus_rescan_store", "dev_rescan_store")) {
            fn("drivers/pci/pci-sysfs.c", f, List.of(call("pci_rescan_bus", RESCAN_STORE)),
                    Map.of(LockName.RESCAN_REMOVE, RESCAN_STORE), List.of());
        }
        fn("drivers/pci/bus.c", "pci_walk_bus", List.of(body(PCI_WALK_BUS)),
                Map.of(LockName.BUS_SEM_READ, PCI_WALK_BUS), List.of("__pci_walk_bus", "cb"));
        // each report_* calls its driver handler (pdrv->err_handler->error_detected(…), …) under device_lock
        for (String f : AER_REPORTS) {
            String handler = f.substring("report_".length());
            add(new ModelledFunction("drivers/pci/pcie/err.c", f, List.of(body(AER_REPORT)),
                    Map.of(LockName.DEVICE, AER_REPORT), List.of(handler, "pci_uevent_ers"), AER_REPORTS));
        }
        fn("drivers/pci/pcie/aer.c", "aer_isr", List.of(body(AER_ISR)), Map.of(LockName.RPC_MUTEX, AER_ISR),
                List.of("aer_isr_one_error"));
        fn(DD, "__device_attach", List.of(body(DEVICE_ATTACH)), Map.of(LockName.DEVICE, DEVICE_ATTACH),
                List.of("bus_for_each_drv"));
        fn(DD, "__driver_attach", List.of(call("driver_probe_device", DRIVER_ATTACH)),
                Map.of(LockName.DEVICE, DRIVER_ATTACH, LockName.DEVICE_PARENT, DRIVER_ATTACH), List.of());
        fn(DD, "device_driver_attach", List.of(call("driver_probe_device", BIND_STORE)),
                Map.of(LockName.DEVICE, BIND_STORE, LockName.DEVICE_PARENT, BIND_STORE), List.of());
        fn(DD, "device_release_driver_internal", List.of(new Site(DD, "device_release_driver_internal",
                "__device_release_driver", List.of(DEVICE_RELEASE_DRIVER, DRIVER_DETACH, UNBIND_STORE), false)),
                Map.of(), List.of());
        fn(BUS, "bind_store", List.of(callee("device_driver_attach", BIND_STORE)), Map.of(), List.of());
        fn(BUS, "unbind_store", List.of(callee("device_driver_detach", UNBIND_STORE)), Map.of(), List.of());
        // f5eff5591b8f (v6.4): up_read(&ctrl->reset_lock) before, down_read(_nested) after driver binding
        // (pci_bus_add_devices) and each unbinding (pci_stop_and_remove_bus_device); one feature in the model
        Release resetLock = new Release(LockName.RESET_LOCK_READ, PCIEHP_IST, "pciehp_ist",
                Feature.PCIEHP_RESET_LOCK_DROPPED_FOR_BINDING);
        fn(PCIEHP, "pciehp_configure_device", List.of(body(PCIEHP_CONFIGURE), release("pci_bus_add_devices", resetLock)),
                Map.of(LockName.RESCAN_REMOVE, PCIEHP_CONFIGURE), List.of("pci_scan_slot"));
        fn(PCIEHP, "pciehp_unconfigure_device", List.of(body(PCIEHP_UNCONFIGURE),
                release("pci_stop_and_remove_bus_device", resetLock)),
                Map.of(LockName.RESCAN_REMOVE, PCIEHP_UNCONFIGURE), List.of());
        // 5b3f7b7d062b (v4.19): the IST handles a disable request or a presence/link change under reset_lock (read)
        fn("drivers/pci/hotplug/pciehp_hpc.c", "pciehp_ist", List.of(body(PCIEHP_IST)),
                Map.of(LockName.RESET_LOCK_READ, PCIEHP_IST),
                List.of("pciehp_handle_disable_request", "pciehp_handle_presence_or_link_change"));
        // a91ee0e9fca9 (v5.19) reversed cfg-access and device_lock in pci_dev_lock, pci_dev_trylock and
        // pci_dev_unlock; pci_reset_function's pci_dev_lock is the model's PCI_DEV_LOCK
        fn(PCI, "pci_dev_lock", List.of(body(PCI_DEV_LOCK)),
                Map.of(LockName.CFG_ACCESS, PCI_DEV_LOCK, LockName.DEVICE, PCI_DEV_LOCK), List.of());
        companion(new Companion(PCI, "pci_dev_unlock", "pci_dev_lock", Companion.Kind.RELEASE,
                "the model releases a path's locks in the reverse of the order it takes them"));
        companion(new Companion(PCI, "pci_dev_trylock", "pci_dev_lock", Companion.Kind.TRY,
                "no modelled path calls it (pci_try_reset_function and the bus and slot trylocks are not modelled)"));
        fn(EEH, "eeh_handle_normal_event", List.of(body(EEH_HANDLE_EVENT)),
                Map.of(LockName.RESCAN_REMOVE, EEH_HANDLE_EVENT), List.of("eeh_pe_bus_get", "eeh_pe_bus_get_nolock",
                        "eeh_pe_report", "eeh_reset_device", "pci_hp_remove_devices"));
        // v4.14/v5.10 take the rescan lock around pci_hp_remove_devices here; the model's path is also the one
        // of eeh_handle_normal_event's hard-failure removal, so a change here is a change there
        add(new ModelledFunction(EEH, "eeh_reset_device", List.of(call("pci_hp_remove_devices", EEH_HP_REMOVE)),
                Map.of(LockName.RESCAN_REMOVE, EEH_HP_REMOVE), List.of(),
                List.of("eeh_reset_device", "eeh_handle_normal_event")));
        fn(EEH, "eeh_rmv_device", List.of(call("pci_iov_remove_virtfn", EEH_RMV_VF),
                call("pci_stop_and_remove_bus_device", EEH_RMV_DEV)),
                Map.of(LockName.RESCAN_REMOVE, EEH_RMV_DEV), List.of());
        // v5.10 reads edev->pdev under the rescan lock and drops it before device_lock
        fn(EEH, "eeh_pe_report_edev", List.of(body(EEH_REPORT), call("eeh_dev_to_pci_dev", EEH_REPORT_PDEV)),
                Map.of(LockName.RESCAN_REMOVE, EEH_REPORT_PDEV, LockName.DEVICE, EEH_REPORT), List.of());
        fn("arch/powerpc/kernel/eeh_pe.c", "eeh_pe_bus_get", List.of(call("eeh_dev_to_pci_dev", EEH_PE_BUS_GET)),
                Map.of(LockName.RESCAN_REMOVE, EEH_PE_BUS_GET), List.of());
        // 815a8d2feb56: the model calls eeh_pe_bus_get from eeh_handle_normal_event only
        variant(new Variant("eeh_pe_bus_get_nolock", "eeh_pe_bus_get", LockName.RESCAN_REMOVE, EEH_PE_BUS_GET,
                List.of("eeh_handle_normal_event")));
    }

    private ModelledFunctions() {
    }

    private static Site body(KernelPath p) {
        return new Site(null, null, null, List.of(p), false);
    }

    private static Site call(String callee, KernelPath p) {
        return new Site(null, null, callee, List.of(p), false);
    }

    /** A call whose path's locks are taken inside the callee. */
    private static Site callee(String callee, KernelPath p) {
        return new Site(null, null, callee, List.of(p), true);
    }

    /** Where the function lets go of its caller's lock around {@code callee}. */
    private static Site release(String callee, Release r) {
        return new Site(null, null, callee, List.of(r.heldOn()), false, r);
    }

    private static void fn(String file, String name, List<Site> sites, Map<LockName, KernelPath> locals,
                           List<String> markers) {
        add(new ModelledFunction(file, name, sites, locals, markers, List.of()));
    }

    private static void add(ModelledFunction f) {
        List<Site> sites = new ArrayList<>();
        for (Site s : f.sites()) {
            sites.add(s.file() != null ? s
                    : new Site(f.file(), f.name(), s.call(), s.paths(), s.calleeLocks(), s.release()));
        }
        BY_NAME.put(f.name(), new ModelledFunction(f.file(), f.name(), sites, f.locals(), f.markers(), f.siblings()));
    }

    private static void variant(Variant v) {
        VARIANTS.put(v.name(), v);
    }

    /** The function named {@code name}, or {@code null}. */
    public static ModelledFunction named(String name) {
        return BY_NAME.get(name);
    }

    private static void companion(Companion c) {
        COMPANIONS.put(c.name(), c);
    }

    /** The companion named {@code name}, or {@code null}. */
    public static Companion companion(String name) {
        return COMPANIONS.get(name);
    }

    /** The functions whose places release {@code feature}'s lock, in catalogue order. */
    public static List<String> releasing(Feature feature) {
        return BY_NAME.values().stream().filter(f -> f.sites().stream()
                .anyMatch(s -> s.release() != null && s.release().feature() == feature)).map(ModelledFunction::name).toList();
    }

    /** The lock-free variant named {@code name}, or {@code null}. */
    public static Variant variant(String name) {
        return VARIANTS.get(name);
    }

    /** Every function name, in catalogue order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** Every variant name. */
    public static Set<String> variantNames() {
        return VARIANTS.keySet();
    }

    /** Every kernel file with a modelled function. */
    public static Set<String> files() {
        Set<String> out = new LinkedHashSet<>();
        BY_NAME.values().forEach(f -> out.add(f.file()));
        COMPANIONS.values().forEach(c -> out.add(c.file()));
        out.add("drivers/pci/pcie/aer/aerdrv_core.c"); // v4.14's aer_isr
        out.add("drivers/pci/probe.c");
        return out;
    }

    /** The functions of {@code file}, for messages. */
    public static List<String> in(String file) {
        List<String> out = new ArrayList<>(BY_NAME.values().stream().filter(f -> f.file().equals(file))
                .map(ModelledFunction::name).toList());
        COMPANIONS.values().stream().filter(c -> c.file().equals(file)).forEach(c -> out.add(c.name()));
        return out;
    }
}
