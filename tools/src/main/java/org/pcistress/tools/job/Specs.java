package org.pcistress.tools.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.model.change.LockChangeFormat;
import org.pcistress.model.change.ProfileSpecs;
import org.pcistress.model.profile.Fixes;
import org.pcistress.model.profile.Profiles;

/**
 * Kernel profile specs: a profile, then fixes joined by {@code +}, e.g. {@code v7.0+list-snapshot}.
 * Checks a spec against the known names so a typo fails with exit 2 before anything runs.
 *
 * <p>{@link #CURRENT} is the model's registry ({@link Profiles}, {@link Fixes}): what the job runs
 * when no {@code --profiles}/{@code --fixes} are given. Tests may pass other names.
 */
public record Specs(List<String> profiles, List<String> fixes) {

    /** The model's profiles, oldest first, and its fixes. */
    public static final Specs CURRENT = new Specs(List.copyOf(Profiles.names()), List.copyOf(Fixes.names()));

    /** A parsed spec: the profile and the fixes applied on top of it. */
    public record Spec(String profile, List<String> fixes) {
        @Override
        public String toString() {
            return fixes.isEmpty() ? profile : profile + "+" + String.join("+", fixes);
        }

        /**
         * The report folder for this spec: the spec, with a lock change file named by its file
         * name ({@code v6.19+revert+my-change.lock}, not its path).
         */
        public String folder() {
            StringBuilder b = new StringBuilder(profile);
            for (String f : fixes) {
                b.append('+').append(ProfileSpecs.isFile(f) ? Path.of(f.trim()).getFileName().toString() : f);
            }
            return b.toString();
        }

        /** The spec with {@code fix} added. */
        public Spec with(String fix) {
            List<String> all = new ArrayList<>(fixes);
            all.add(fix);
            return new Spec(profile, List.copyOf(all));
        }
    }

    /**
     * Parses {@code text}: the longest known profile it starts with, then known fixes.
     *
     * @throws IllegalArgumentException with a one-line message naming the known values
     */
    public Spec parse(String text) {
        String best = null;
        for (String p : profiles) {
            if ((text.equals(p) || text.startsWith(p + "+")) && (best == null || p.length() > best.length())) {
                best = p;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("unknown profile in '" + text + "': known profiles are "
                    + String.join(", ", profiles));
        }
        List<String> applied = new ArrayList<>();
        if (text.length() > best.length()) {
            for (String fix : text.substring(best.length() + 1).split("\\+", -1)) {
                applied.add(fix(fix));
            }
        }
        return new Spec(best, List.copyOf(applied));
    }

    /** Returns {@code name} when it is a known fix, or a lock change file that loads. */
    public String fix(String name) {
        if (ProfileSpecs.isFile(name)) {
            LockChangeFormat.load(ProfileSpecs.file(name.trim()), name.trim()); // a BadLockChange names what is wrong
            return name.trim();
        }
        if (!fixes.contains(name)) {
            throw new IllegalArgumentException("unknown fix '" + name + "': known fixes are " + String.join(", ", fixes)
                    + " (or a lock change file, FILE.lock)");
        }
        return name;
    }
}
