package org.pcistress.tools.stress;

import java.util.ArrayList;
import java.util.List;

/**
 * A jcstress test as the jar declares it.
 *
 * @param name jcstress's name for it ({@code org.….Locking_01_MutexVsRwsemReadABBA.Abba})
 * @param outcomes its {@code @Outcome}s
 * @param actors its {@code @Actor} methods' names
 */
public record DeclaredTest(String name, List<DeclaredOutcome> outcomes, List<String> actors) {
    public DeclaredTest {
        outcomes = List.copyOf(outcomes);
        actors = List.copyOf(actors);
    }

    /** A test whose actors do not matter (a synthetic one). */
    public DeclaredTest(String name, List<DeclaredOutcome> outcomes) {
        this(name, outcomes, List.of());
    }

    /** The ids it declares ACCEPTABLE_INTERESTING: the bugs it is known to have. */
    public List<String> bugIds() {
        List<String> out = new ArrayList<>();
        for (DeclaredOutcome o : outcomes) {
            if (o.expect().equals(DeclaredOutcome.INTERESTING) && !o.id().isEmpty()) {
                out.add(o.id());
            }
        }
        return out;
    }

    /** A canary: a variant with a known bug, which every nightly run must see at least once. */
    public boolean canary() {
        return !bugIds().isEmpty();
    }

    /** What the test expects of {@code id}: its own outcome, else the catch-all's, else {@code UNKNOWN}. */
    public String expectOf(String id) {
        String catchAll = "UNKNOWN";
        for (DeclaredOutcome o : outcomes) {
            if (o.id().equals(id)) {
                return o.expect();
            }
            if (o.id().isEmpty()) {
                catchAll = o.expect();
            }
        }
        return catchAll;
    }

    /** The short name: the outer class and the variant ({@code Locking_01_MutexVsRwsemReadABBA.Abba}). */
    public static String shortName(String name) {
        int last = name.lastIndexOf('.');
        int prev = last <= 0 ? -1 : name.lastIndexOf('.', last - 1);
        return prev < 0 ? name : name.substring(prev + 1);
    }
}
