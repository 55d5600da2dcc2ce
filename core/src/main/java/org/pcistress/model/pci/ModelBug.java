package org.pcistress.model.pci;

import org.pcistress.kernel.Report;
import org.pcistress.kernel.locking.KernelBug;

/**
 * The kernel would BUG(), oops or WARN and corrupt memory here (list corruption, use after free,
 * double removal). The report is kept in the kernel; the exception stops this path, unwinding
 * through finally blocks that release its locks.
 */
public final class ModelBug extends KernelBug {
    public ModelBug(Report report) {
        super(report);
    }
}
