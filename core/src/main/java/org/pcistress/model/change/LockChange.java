package org.pcistress.model.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pcistress.model.profile.Fix;
import org.pcistress.model.profile.Profile;

/**
 * A lock change as data: a name, where it comes from, what it gives up, and its lines. It is a
 * {@link Fix} like any built-in one ({@link #toFix()}), so it composes onto any profile with
 * {@code +}. Written and read in the text format of {@link LockChangeFormat} ({@code .lock} files).
 *
 * @param name    the fix name ({@code +} not allowed)
 * @param cite    the upstream commit (hash and subject), a patch, or "proposal"; may be empty
 * @param givesUp what the change costs or leaves open; may be empty
 * @param ops     the lines, applied in order
 */
public record LockChange(String name, String cite, String givesUp, List<LockOp> ops) {
    public LockChange {
        Objects.requireNonNull(name, "name");
        cite = cite == null ? "" : cite;
        givesUp = givesUp == null ? "" : givesUp;
        ops = List.copyOf(ops);
    }

    /** The change as a fix: each line's profile edit, in order. */
    public Fix toFix() {
        return Fix.of(name, givesUp, p -> {
            Profile out = p;
            for (LockOp op : ops) {
                out = op.apply(out);
            }
            return out;
        });
    }

    /**
     * Why this change cannot be a change to {@code base}, one reason per line that conflicts (see
     * {@link LockOp#conflict}); empty when every line applies. Lines are checked against the base
     * with the lines before them applied.
     */
    public List<String> conflicts(Profile base) {
        List<String> out = new ArrayList<>();
        Profile p = base;
        java.util.Set<Release> released = new java.util.HashSet<>();
        for (LockOp op : ops) {
            // the model has one release for several places (binding and unbinding): the first line is the edit
            String c = op.release() != null && !released.add(op.release()) ? null : op.conflict(p);
            if (c != null) {
                out.add(op.text() + ": " + c.replace(p.name(), base.name()));
            }
            p = op.apply(p);
        }
        return out;
    }

    /** The change in the text format, header first. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("name ").append(name).append('\n');
        if (!cite.isBlank()) {
            b.append("cite ").append(cite).append('\n');
        }
        if (!givesUp.isBlank()) {
            b.append("gives-up ").append(givesUp).append('\n');
        }
        for (LockOp op : ops) {
            b.append(op.text()).append('\n');
        }
        return b.toString();
    }
}
