package org.pcistress.model.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcistress.model.profile.Variants;

/**
 * Every {@link Trigger} by id: the built-in {@link EntryPoint}s in their order, then the
 * {@link UserEntryPoint}s of every {@link EntryVariants} the thread's context class loader sees,
 * in class-path order (looked up on each call, so a harness that installs providers through its
 * own class loader sees them).
 */
public final class Triggers {

    private Triggers() {
    }

    private static Map<String, Trigger> load() {
        Map<String, Trigger> m = new LinkedHashMap<>();
        for (EntryPoint e : EntryPoint.values()) {
            m.put(e.id(), e);
        }
        for (Variants v : Variants.installed()) {
            if (v instanceof EntryVariants ev) {
                for (UserEntryPoint u : ev.entryPoints()) {
                    if (m.putIfAbsent(u.id(), u) != null) {
                        throw new IllegalStateException("entry point '" + u.id() + "' from " + v.getClass().getName()
                                + " clashes with an entry point of the same id");
                    }
                }
            }
        }
        return m;
    }

    /** Every trigger, built-in first. */
    public static List<Trigger> all() {
        return new ArrayList<>(load().values());
    }

    /** The matrix's rows, in order. */
    public static List<Trigger> matrix() {
        List<Trigger> out = new ArrayList<>();
        for (Trigger t : load().values()) {
            if (t.inMatrix()) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * A trigger by id ({@code bind_pf}; a built-in also by enum name, {@code BIND_PF}), matrix row or
     * not, or {@code null}.
     */
    public static Trigger byId(String id) {
        if (id == null) {
            return null;
        }
        Trigger t = load().get(id.trim());
        if (t != null) {
            return t;
        }
        for (EntryPoint e : EntryPoint.values()) {
            if (e.name().equalsIgnoreCase(id.trim())) {
                return e;
            }
        }
        return null;
    }

    /** The ids a user may name, for error messages. */
    public static List<String> ids() {
        return new ArrayList<>(load().keySet());
    }
}
