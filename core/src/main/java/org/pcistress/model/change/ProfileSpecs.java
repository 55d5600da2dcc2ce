package org.pcistress.model.change;

import java.nio.file.Path;
import org.pcistress.model.profile.Fixes;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * Profile specs as users write them: {@link Profiles#named}'s {@code v7.0+list-snapshot},
 * where any fix may also be a lock change file ({@code v6.19+./my-change.lock}, a name ending in
 * {@code .lock}, relative to the directory the user ran pcistress in: {@link #file}), applied in
 * order. The commands resolve user specs here; built-in names alone go straight to {@link Profiles}.
 */
public final class ProfileSpecs {
    /**
     * The system property naming the directory the user ran pcistress in ({@code ./pcistress} runs
     * Java in the checkout and passes it): relative paths the user gives resolve against it.
     */
    public static final String CALLER_DIR = "pcistress.callerDir";

    private ProfileSpecs() {
    }

    /**
     * A path the user gave: as it is when absolute or when no caller directory is set, else
     * against the directory the user ran pcistress in ({@link #CALLER_DIR}). {@code -} stays.
     */
    public static Path file(String path) {
        Path p = Path.of(path);
        String caller = System.getProperty(CALLER_DIR);
        return p.isAbsolute() || path.equals("-") || caller == null || caller.isBlank() ? p : Path.of(caller).resolve(p);
    }

    /**
     * @throws IllegalArgumentException for an unknown profile or fix, listing the known ones, or a
     *                                  lock change file that cannot be read or names what the model lacks
     */
    public static Profile named(String spec) {
        if (spec == null || !spec.contains(".lock")) {
            return Profiles.named(spec);
        }
        String[] parts = spec.trim().split("\\+");
        int first = 1;
        while (first < parts.length && !parts[first].endsWith(".lock")) {
            first++;
        }
        Profile p = Profiles.named(String.join("+", java.util.Arrays.copyOfRange(parts, 0, first)));
        for (int i = first; i < parts.length; i++) {
            p = p.with(parts[i].endsWith(".lock") ? LockChangeFormat.load(file(parts[i]), parts[i]).toFix()
                    : Fixes.named(parts[i]));
        }
        return p;
    }

    /** Whether {@code fix} names a lock change file rather than a built-in fix. */
    public static boolean isFile(String fix) {
        return fix != null && fix.trim().endsWith(".lock");
    }
}
