package org.pcistress.model.profile;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A kernel path modelled outside core (a user's entry point, a driver's own path): a name and the
 * {@link LockStep}s it takes around its body unless a profile or a fix says otherwise. It is data
 * like a {@link KernelPath}: {@code profile.take(path, step)}, {@code profile.order(path, ...)}
 * change it, and {@code PciCore.locked(path, dev, body)} runs a body inside it.
 *
 * @param name     the kernel function whose body it brackets ({@code "my_reset_store"})
 * @param defaults the steps taken when no profile changed them, outermost first
 */
public record UserPath(String name, List<LockStep> defaults) {
    public UserPath {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a path needs a name");
        }
        defaults = List.copyOf(defaults);
        if (new HashSet<>(defaults).size() != defaults.size()) {
            throw new IllegalArgumentException("a lock step twice on " + name + ": " + defaults);
        }
    }

    /** A path taking {@code defaults}, outermost first. */
    public static UserPath of(String name, LockStep... defaults) {
        return new UserPath(name, List.of(defaults));
    }
}
