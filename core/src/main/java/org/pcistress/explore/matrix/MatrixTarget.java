package org.pcistress.explore.matrix;

import java.util.List;

/**
 * What the matrix needs from a model under one profile: its entry points and, for any one or two
 * of them, a scenario that boots a fresh model in a state where they make sense and races them.
 */
public interface MatrixTarget {

    /** The profile spec this target models: {@code v6.18}, {@code v7.0+list-snapshot}. */
    String spec();

    /** The entry points, in row order. */
    List<Entry> entries();

    /** The scenario for one cell: a single entry (alone) or two (raced; possibly the same twice). */
    CellPlan plan(List<Entry> cell);

    /** Does the kernel's own lockdep flavour watch this target's executions, beside pcistress's? */
    default boolean kernelLockdepWatched() {
        return false;
    }
}
