package org.pcistress.tools.patch;

import java.util.List;
import java.util.Map;
import org.pcistress.model.change.LockChange;

/**
 * What check-patch read from a patch: the lock change, the lock-related lines it could not map
 * and why, notes on what it assumed (each printed), how many changed lines had no lock call, and
 * for each line of the change the patch lines it comes from ({@code drivers/pci/iov.c +498 +500}).
 */
record Mapping(LockChange change, List<Unmapped> unmapped, List<String> notes, int ignored,
               Map<String, String> sources) {
    Mapping {
        sources = Map.copyOf(sources);
        unmapped = List.copyOf(unmapped);
        notes = List.copyOf(notes);
    }

    boolean complete() {
        return unmapped.isEmpty();
    }
}
