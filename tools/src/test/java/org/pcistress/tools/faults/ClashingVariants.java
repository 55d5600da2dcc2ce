package org.pcistress.tools.faults;

import java.util.List;
import org.pcistress.model.profile.Fix;
import org.pcistress.model.profile.Variants;

/**
 * A user's fix that takes a built-in fix's name (review D6). Only a jar made by
 * {@link UserVariantsTest} lists it as a provider, so no other test sees it.
 */
public final class ClashingVariants implements Variants {
    @Override
    public List<Fix> fixes() {
        return List.of(Fix.of("list-snapshot", "nothing: a name clash", p -> p));
    }
}
