package org.pcistress.model.profile;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A named change to a {@link Profile}: a few lock steps taken, dropped or reordered on named
 * {@link KernelPath}s, or a {@link Feature} switched on. A fix composes with any profile:
 * {@code Profiles.named("v5.10").with(Fix.of("my-fix", p -> p.take(KernelPath.SRIOV_NUMVFS_STORE,
 * LockStep.RESCAN_REMOVE)))}.
 *
 * @param name    the name used in specs ({@code "v4.14+my-fix"})
 * @param givesUp what the fix costs or leaves open, in one sentence
 * @param change  the change itself
 */
public record Fix(String name, String givesUp, UnaryOperator<Profile> change) {
    public Fix {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(change, "change");
        if (name.isBlank() || name.contains("+")) {
            throw new IllegalArgumentException("a fix name must be non-blank and contain no '+': " + name);
        }
        givesUp = givesUp == null ? "" : givesUp;
    }

    /** A fix without a stated cost. */
    public static Fix of(String name, UnaryOperator<Profile> change) {
        return new Fix(name, "", change);
    }

    /** A fix and what it gives up. */
    public static Fix of(String name, String givesUp, UnaryOperator<Profile> change) {
        return new Fix(name, givesUp, change);
    }

    /** Applies the change to {@code p}; the result is named {@code p.name() + "+" + name()}. */
    public Profile applyTo(Profile p) {
        return change.apply(p).renamed(p.name() + "+" + name);
    }

    @Override
    public String toString() {
        return name;
    }
}
