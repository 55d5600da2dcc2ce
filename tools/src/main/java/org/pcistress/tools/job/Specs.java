package org.pcistress.tools.job;

import java.util.ArrayList;
import java.util.List;

/**
 * Kernel profile specs: a profile, then fixes joined by {@code +}, e.g. {@code v6.19+revert+list-snapshot}.
 * Checks a spec against the known names so a typo fails with exit 2 before anything runs.
 *
 * <p>The names mirror the model's profiles and fixes (branch {@code model}); {@link #CURRENT} is what
 * the job runs when no {@code --profiles}/{@code --fixes} are given.
 */
public record Specs(List<String> profiles, List<String> fixes) {

    /** The profiles in version order and the fixes the model knows. */
    public static final Specs CURRENT = new Specs(
            List.of("v4.14", "v5.10", "v6.18", "v6.19+revert"),
            List.of("list-snapshot", "deferred-enumeration", "detach-outside-rescan", "reentrant-rescan"));

    /** A parsed spec: the profile and the fixes applied on top of it. */
    public record Spec(String profile, List<String> fixes) {
        @Override
        public String toString() {
            return fixes.isEmpty() ? profile : profile + "+" + String.join("+", fixes);
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

    /** Returns {@code name} when it is a known fix. */
    public String fix(String name) {
        if (!fixes.contains(name)) {
            throw new IllegalArgumentException("unknown fix '" + name + "': known fixes are " + String.join(", ", fixes));
        }
        return name;
    }
}
