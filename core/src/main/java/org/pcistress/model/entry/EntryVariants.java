package org.pcistress.model.entry;

import java.util.List;
import org.pcistress.model.profile.Variants;

/**
 * {@link Variants} that also bring entry points. A class implementing this, listed in
 * {@code META-INF/services/org.pcistress.model.profile.Variants}, adds its fixes, profiles and
 * {@link UserEntryPoint}s; every command then knows them by name ({@code pcistress explore
 * --scenario my_reset+numvfs_n}, a matrix row {@code my_reset}). An id that clashes with a
 * built-in or another provider's is refused at load time.
 */
public interface EntryVariants extends Variants {

    /** The entry points, in the order their matrix rows follow the built-in ones. */
    default List<UserEntryPoint> entryPoints() {
        return List.of();
    }
}
