package org.pcistress.kernel.locking;

import org.pcistress.kernel.Report;

/** A primitive misused: unlock by a task that is not the owner, release of a lock not held. */
public final class LockingBug extends KernelBug {
    public LockingBug(Report report) {
        super(report);
    }
}
