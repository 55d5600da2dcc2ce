package org.pcistress.explore;

import java.util.List;

/**
 * A scenario's check after every task of an execution has finished: the invariants no single
 * report covers (the bus list is consistent, no VF outlived its PF, every device is accounted for).
 * It runs on the explorer's thread; it may run model code through {@code kernel.run}.
 */
@FunctionalInterface
public interface FinalCheck {

    /** The failures of this execution's final state; empty when it is consistent. */
    List<Finding> check();

    /** A check that finds nothing. */
    static FinalCheck none() {
        return List::of;
    }
}
