package org.pcistress.model.pci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices {@link Topology#withExtraPfs} and {@link Topology#withExtraEndpoints} add behind the
 * root port, beyond the standard PF: where each function sits and which buses a switch adds.
 * Immutable; computed once, in time linear in the number of devices.
 *
 * <p>Each extra PF takes a whole device number, as the standard PF does: the PF at function 0, its
 * VFs at functions 2 to 7 (VF offset 2, stride 1), so at most 6 VFs each. Extra endpoints follow
 * the PFs, eight functions to a device number. They fill bus 01 from device 01 (device 00 is the
 * standard PF's). When bus 01 cannot hold them all (more than 31 device numbers), devices 01 to
 * 1e take the first 30 and a PCIe switch takes 01:1f.0: its upstream port (a bridge, secondary bus
 * 02) with downstream ports 02:00.0, 02:01.0, … (bridges, secondary buses 03, 04, …, numbered
 * depth-first as {@code pci_scan_bridge} numbers them), each with up to 32 device numbers of the
 * rest on its own bus. Below a switch's downstream port, as below a root port, the functions of
 * one card are an ARI device; the model only needs their BDFs to be valid and distinct.
 *
 * <p>All of it is on the card in slot 1: present when the card is, scanned by {@code pci_scan_slot}
 * of bus 01, removed by hot-unplug.
 */
public final class ExtraDevices {
    /** The most VFs an extra PF can have: functions 2 to 7 of its device number. */
    public static final int MAX_VFS_EACH = 6;
    /** Device numbers 01..1e of bus 01 when a switch takes 01:1f. */
    private static final int BUS01_SLOTS_WITH_SWITCH = 30;
    private static final int SLOTS = 32;

    /**
     * One function the scan finds: its BDF, role, TotalVFs (for a PF; all enabled at boot) and,
     * for a bridge, the number of its secondary bus (else -1).
     */
    public record Function(String bdf, DeviceRole role, int totalVfs, int secondary) {
    }

    static final ExtraDevices NONE = new ExtraDevices(0, 0, 0);

    private final int pfs;
    private final int vfsEach;
    private final int endpoints;
    private final Map<Integer, List<Function>> byBus = new HashMap<>();
    private final int bridges;

    ExtraDevices(int pfs, int vfsEach, int endpoints) {
        if (pfs < 0 || endpoints < 0 || vfsEach < 0 || vfsEach > MAX_VFS_EACH) {
            throw new IllegalArgumentException("need pfs >= 0, endpoints >= 0, 0 <= vfsEach <= " + MAX_VFS_EACH);
        }
        this.pfs = pfs;
        this.vfsEach = vfsEach;
        this.endpoints = endpoints;
        int groups = (endpoints + 7) / 8;
        int items = pfs + groups;
        int onBus01 = items <= SLOTS - 1 ? items : BUS01_SLOTS_WITH_SWITCH;
        int rest = items - onBus01;
        int downstream = (rest + SLOTS - 1) / SLOTS;
        if (downstream > SLOTS) {
            throw new IllegalArgumentException(pfs + " extra PFs and " + endpoints + " extra endpoints need "
                    + items + " device numbers; one switch holds at most " + (BUS01_SLOTS_WITH_SWITCH + SLOTS * SLOTS));
        }
        this.bridges = rest > 0 ? 1 + downstream : 0;
        for (int i = 0; i < items; i++) {
            int bus = i < onBus01 ? 1 : 3 + (i - onBus01) / SLOTS;
            int dev = i < onBus01 ? 1 + i : (i - onBus01) % SLOTS;
            if (i < pfs) {
                add(bus, new Function(bdf(bus, dev, 0), DeviceRole.PF, vfsEach, -1));
            } else {
                int first = (i - pfs) * 8;
                for (int fn = 0; fn < 8 && first + fn < endpoints; fn++) {
                    add(bus, new Function(bdf(bus, dev, fn), DeviceRole.ENDPOINT, 0, -1));
                }
            }
        }
        if (rest > 0) {
            add(1, new Function(bdf(1, SLOTS - 1, 0), DeviceRole.BRIDGE, 0, 2));
            for (int j = 0; j < downstream; j++) {
                add(2, new Function(bdf(2, j, 0), DeviceRole.BRIDGE, 0, 3 + j));
            }
        }
        byBus.replaceAll((b, l) -> Collections.unmodifiableList(l));
    }

    private void add(int bus, Function f) {
        byBus.computeIfAbsent(bus, b -> new ArrayList<>()).add(f);
    }

    static String bdf(int bus, int dev, int fn) {
        return String.format("%02x:%02x.%x", bus, dev, fn);
    }

    /** The extra functions on bus {@code number}, in devfn order (bridges last); empty if none. */
    public List<Function> onBus(int number) {
        return byBus.getOrDefault(number, List.of());
    }

    /** The bus numbers that hold extra functions, ascending. */
    public List<Integer> buses() {
        return byBus.keySet().stream().sorted().toList();
    }

    public int pfs() {
        return pfs;
    }

    public int vfsEach() {
        return vfsEach;
    }

    public int endpoints() {
        return endpoints;
    }

    /** The switch's ports (upstream and downstream), 0 without a switch. */
    public int bridges() {
        return bridges;
    }

    /** Every device these add once booted: PFs, their VFs, endpoints and switch ports. */
    public int devices() {
        return pfs * (1 + vfsEach) + endpoints + bridges;
    }

    public boolean isEmpty() {
        return pfs == 0 && endpoints == 0;
    }
}
