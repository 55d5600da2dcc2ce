package org.pcistress.model.pci;

/** {@code struct list_head} of a bus's device list: a node of one pci_dev, or a bus's head. */
final class ListNode {
    /** LIST_POISON1 / LIST_POISON2: what list_del leaves in an unlinked node. */
    static final ListNode POISON1 = new ListNode(null);
    static final ListNode POISON2 = new ListNode(null);

    final PciDev owner;
    volatile ListNode next;
    volatile ListNode prev;

    ListNode(PciDev owner) {
        this.owner = owner;
    }

    /** {@code INIT_LIST_HEAD}. */
    void initHead() {
        next = this;
        prev = this;
    }
}
