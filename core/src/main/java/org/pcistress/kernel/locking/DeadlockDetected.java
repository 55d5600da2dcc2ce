package org.pcistress.kernel.locking;

import org.pcistress.kernel.Report;

/**
 * Thrown in exactly one task of a wait-for cycle: the one whose wait closed it. Every other task
 * of the cycle stays asleep until this one has unwound and released what it holds.
 */
public final class DeadlockDetected extends KernelBug {
    public DeadlockDetected(Report report) {
        super(report);
    }
}
