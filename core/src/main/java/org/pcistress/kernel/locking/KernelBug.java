package org.pcistress.kernel.locking;

import org.pcistress.kernel.Report;

/**
 * What the model throws where the kernel would hang or BUG(). Unchecked: it unwinds the task
 * through the model's {@code finally} blocks, releasing what it holds, so the rest of the run can
 * finish. The same report is also kept in {@link Kernel#reports()}.
 */
public abstract class KernelBug extends RuntimeException {
    private final transient Report report;

    protected KernelBug(Report report) {
        super(report.title(), null, false, false);
        this.report = report;
    }

    public Report report() {
        return report;
    }
}
