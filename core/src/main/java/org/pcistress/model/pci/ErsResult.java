package org.pcistress.model.pci;

/** {@code pci_ers_result_t} (include/linux/pci.h) and {@code merge_result()} (drivers/pci/pcie/err.c). */
public enum ErsResult {
    NONE, CAN_RECOVER, NEED_RESET, DISCONNECT, RECOVERED, NO_AER_DRIVER;

    /**
     * {@code merge_result(orig, new)} v4.14–v6.19: NO_AER_DRIVER sticks; NONE keeps the original;
     * otherwise CAN_RECOVER/RECOVERED become the new vote, NEED_RESET stays unless DISCONNECT.
     *
     * @kernel drivers/pci/pcie/err.c:merge_result() v5.10 v6.19 (v4.14: aer/aerdrv_core.c)
     */
    public static ErsResult mergeResult(ErsResult orig, ErsResult vote) {
        if (vote == NO_AER_DRIVER) {
            return NO_AER_DRIVER;
        }
        if (vote == NONE) {
            return orig;
        }
        switch (orig) {
            case CAN_RECOVER:
            case RECOVERED:
                return vote;
            case DISCONNECT:
                if (vote == NEED_RESET) {
                    return NEED_RESET;
                }
                return orig;
            default:
                return orig == NONE ? vote : orig;
        }
    }
}
