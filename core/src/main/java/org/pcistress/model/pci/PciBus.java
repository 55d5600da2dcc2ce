package org.pcistress.model.pci;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Locks;

/**
 * {@code struct pci_bus}: its number, its bridge ({@code bus->self}) and its {@code devices}
 * list, a doubly linked {@code list_head} as in the kernel, so an unlink during a walk shows up
 * as the kernel would show it. The list operations carry CONFIG_DEBUG_LIST's checks and poison
 * unlinked nodes; the caller holds {@code pci_bus_sem} exactly where the kernel does. The list
 * (its head and every linked node's pointers) is one field of the bus for the explorer's
 * footprints: every method here declares its read or write of it ({@code Locks.reads}/{@code writes}).
 */
public final class PciBus {
    private static final int MAX_WALK = 4096;

    private final PciCore core;
    private final int number;
    private final PciDev self;
    private final ListNode head = new ListNode(null);

    PciBus(PciCore core, int number, PciDev self) {
        this.core = core;
        this.number = number;
        this.self = self;
        head.initHead();
    }

    public int number() {
        return number;
    }

    /** {@code bus->self}: the bridge leading to this bus, {@code null} for a root bus. */
    public PciDev self() {
        return self;
    }

    public String name() {
        return String.format("0000:%02x", number);
    }

    /** {@code list_add_tail(&dev->bus_list, &bus->devices)}, with {@code __list_add_valid}. */
    void listAddTail(PciDev dev) {
        Locks.writes(core.kernel(), this, "devices");
        ListNode n = dev.busNode;
        ListNode prev = head.prev;
        if (prev.next != head || n == prev || n == head) {
            throw corruption("list_add corruption. prev->next should be next (" + name() + " devices), adding " + dev.bdf());
        }
        n.next = head;
        n.prev = prev;
        prev.next = n;
        head.prev = n;
    }

    /** {@code list_del(&dev->bus_list)}, with {@code __list_del_entry_valid}; poisons the node. */
    void listDel(PciDev dev) {
        Locks.writes(core.kernel(), this, "devices");
        ListNode n = dev.busNode;
        ListNode next = n.next;
        ListNode prev = n.prev;
        if (next == ListNode.POISON1 || prev == ListNode.POISON2) {
            throw corruption("list_del corruption, " + dev.bdf() + "->bus_list.next is LIST_POISON1 (already unlinked)");
        }
        if (next == null || prev == null) {
            throw corruption("list_del corruption, " + dev.bdf() + " was never on " + name());
        }
        if (prev.next != n || next.prev != n) {
            throw corruption("list_del corruption. prev->next or next->prev should be " + dev.bdf());
        }
        next.prev = prev;
        prev.next = next;
        n.next = ListNode.POISON1;
        n.prev = ListNode.POISON2;
    }

    /** {@code list_first_entry_or_null}. */
    public PciDev first() {
        reads();
        return entry(head.next, null);
    }

    /** {@code list_last_entry} or {@code null}. */
    public PciDev last() {
        reads();
        return entry(head.prev, null);
    }

    /** The entry after {@code pos}, {@code null} at the head; LIST_CORRUPTION if {@code pos} was unlinked. */
    public PciDev next(PciDev pos) {
        reads(pos);
        return entry(pos.busNode.next, pos);
    }

    /** The entry before {@code pos}, {@code null} at the head. */
    public PciDev prev(PciDev pos) {
        reads(pos);
        return entry(pos.busNode.prev, pos);
    }

    private PciDev entry(ListNode n, PciDev from) {
        if (n == ListNode.POISON1 || n == ListNode.POISON2 || n == null) {
            throw corruption("list walk of " + name() + " followed " + (from == null ? "the head" : from.bdf())
                    + "->bus_list after it was unlinked (LIST_POISON)");
        }
        return n.owner; // the head's owner is null: the walk is over
    }

    /** Is {@code dev} linked on this list? A bounded walk, for checks. */
    public boolean contains(PciDev dev) {
        return entries().contains(dev);
    }

    /** The linked entries, in list order, walked without checks beyond a bound; for finish() and tests. */
    public List<PciDev> entries() {
        reads();
        List<PciDev> out = new ArrayList<>();
        ListNode n = head.next;
        for (int i = 0; i < MAX_WALK && n != head && n != null && n != ListNode.POISON1 && n != ListNode.POISON2; i++) {
            out.add(n.owner);
            n = n.next;
        }
        return out;
    }

    /** A structural check of the whole list: next/prev agree and the walk ends at the head. */
    String checkStructure() {
        reads();
        ListNode n = head;
        for (int i = 0; i < MAX_WALK; i++) {
            ListNode next = n.next;
            if (next == null || next == ListNode.POISON1 || next == ListNode.POISON2) {
                return "entry " + (n.owner == null ? "head" : n.owner.bdf()) + " has a poisoned next pointer";
            }
            if (next.prev != n) {
                return "next->prev of " + (n.owner == null ? "head" : n.owner.bdf()) + " does not point back";
            }
            if (next == head) {
                return null;
            }
            n = next;
        }
        return "the list does not return to its head";
    }

    private void reads() {
        Locks.reads(core.kernel(), this, "devices");
    }

    /** A step from {@code pos}: its node is on its own bus's list, which may not be this one. */
    private void reads(PciDev pos) {
        reads();
        if (pos.bus() != this) {
            Locks.reads(core.kernel(), pos.bus(), "devices");
        }
    }

    private ModelBug corruption(String what) {
        return Integrity.bug(core.kernel(), ReportKind.LIST_CORRUPTION, what,
                "CONFIG_DEBUG_LIST: bus " + name() + " devices list");
    }

    @Override
    public String toString() {
        return name();
    }
}
