package org.pcistress.explore.matrix;

import java.util.Objects;

/**
 * One entry point of the model, as a matrix row and column: what userspace or hardware can
 * trigger ({@code bind_pf}, {@code numvfs_0}, {@code aer}).
 *
 * @param id    a short, stable name used in cell keys and on the command line
 * @param title what it does, in the kernel's words ({@code echo 0 > sriov_numvfs})
 */
public record Entry(String id, String title) {
    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        if (id.isBlank() || id.contains("+") || id.contains(" ")) {
            throw new IllegalArgumentException("an entry id is one word without '+': " + id);
        }
    }
}
