package org.pcistress.kernel.locking;

import org.pcistress.kernel.Report;

/** A model wait outlived the hung-task bound: the backstop for waits no cycle explains. */
public final class HungTaskDetected extends KernelBug {
    public HungTaskDetected(Report report) {
        super(report);
    }
}
