package org.pcistress.explore.matrix;

import java.util.List;

/**
 * A whole matrix for one profile.
 *
 * @param spec    the profile spec
 * @param bound   the preemption bound per cell where not every schedule could run, in words
 * @param entries the entry points, in row order
 * @param cells   singles first, then pairs in row order
 * @param millis  wall time
 */
public record MatrixResult(String spec, String bound, List<Entry> entries, List<Cell> cells, long millis) {
    public MatrixResult {
        entries = List.copyOf(entries);
        cells = List.copyOf(cells);
    }

    /** The cell for {@code key}, or {@code null}. */
    public Cell cell(String key) {
        for (Cell c : cells) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        return null;
    }

    /** The cell for these entries, in either order. */
    public Cell cell(String a, String b) {
        Cell c = cell(a + "+" + b);
        return c != null ? c : cell(b + "+" + a);
    }

    public long failing() {
        return cells.stream().filter(Cell::failed).count();
    }

    public long exhausted() {
        return cells.stream().filter(Cell::exhausted).count();
    }

    /** Cells whose every schedule ran. */
    public long proved() {
        return cells.stream().filter(Cell::proved).count();
    }

    public long executions() {
        return cells.stream().mapToLong(Cell::executions).sum();
    }
}
