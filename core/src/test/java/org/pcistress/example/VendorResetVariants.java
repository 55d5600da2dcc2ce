package org.pcistress.example;

import java.util.List;
import org.pcistress.kernel.locking.Task;
import org.pcistress.model.entry.EntryVariants;
import org.pcistress.model.entry.UserEntryPoint;
import org.pcistress.model.pci.Errno;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.profile.Fix;
import org.pcistress.model.profile.LockStep;
import org.pcistress.model.profile.UserPath;

/**
 * The README's worked example, written as a user outside core would: a vendor's reset attribute
 * that locks the PF like pci_dev_lock did before v5.19, and the fix under review. README.md quotes
 * the region between the markers; ReadmeExampleTest checks the quote and runs it.
 */
// readme-example:start
public final class VendorResetVariants implements EntryVariants {
    /** The vendor's sysfs store: cfg-access, then device_lock, around the reset. */
    public static final UserPath VENDOR_RESET = UserPath.of("vendor_reset_store",
            LockStep.CFG_ACCESS_SELF, LockStep.DEVICE_LOCK_SELF);

    /** The change under review: device_lock first, as a91ee0e9fca9 did for pci_dev_lock. */
    public static final Fix DEVICE_LOCK_FIRST = Fix.of("vendor-reset-order", "none known",
            p -> p.order(VENDOR_RESET, LockStep.DEVICE_LOCK_SELF, LockStep.CFG_ACCESS_SELF));

    @Override
    public List<UserEntryPoint> entryPoints() {
        return List.of(new UserEntryPoint("vendor_reset", "echo 1 > vendor_reset on the PF",
                "vendor_reset_store", state -> state, sys -> {
                    try (var frame = Task.enter("vendor_reset_store")) {
                        PciDev pf = sys.core().pciGetDomainBusAndSlot(sys.topology().pf());
                        if (pf == null) {
                            return Errno.ENODEV;
                        }
                        try {
                            return sys.core().locked(VENDOR_RESET, pf, () -> 0); // the reset itself takes no lock
                        } finally {
                            sys.core().pciDevPut(pf);
                        }
                    }
                }));
    }

    @Override
    public List<Fix> fixes() {
        return List.of(DEVICE_LOCK_FIRST);
    }
}
// readme-example:end
