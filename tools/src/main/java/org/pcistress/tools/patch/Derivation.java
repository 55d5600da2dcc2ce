package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pcistress.model.change.LockChange;
import org.pcistress.model.change.LockName;
import org.pcistress.model.change.LockOp;
import org.pcistress.model.change.ModelledFunctions;

/**
 * What {@link PatchMapper} has read so far: the lines of the change (each with the locks held at
 * it and the patch lines it comes from), what it could not map, its notes and how many changed
 * lines held no lock call; then the {@link Mapping}, once moves are paired up.
 */
final class Derivation {
    final Map<String, LockOp> ops = new LinkedHashMap<>();
    final Map<String, List<LockName>> orders = new LinkedHashMap<>();
    final Map<String, String> sources = new LinkedHashMap<>();
    final Map<String, Unmapped> unmapped = new LinkedHashMap<>();
    final Set<String> notes = new LinkedHashSet<>();
    int ignored;

    /** The mapping: moves paired up, one note per release the model shares between places. */
    Mapping mapping(String name, String cite) {
        List<LockOp> out = pairUp();
        oneRelease(out);
        return new Mapping(new LockChange(name, cite, "", out), new ArrayList<>(unmapped.values()),
                new ArrayList<>(notes), ignored, sources);
    }

    void add(Unmapped u) {
        unmapped.merge(u.file() + u.where(), u, (a, b) -> a.reason().contains(b.reason()) ? a
                : new Unmapped(a.file(), a.function(), a.where(), a.text(), a.reason() + "; " + b.reason()));
    }

    void record(String file, LockOp op, List<LockName> order, List<String> where) {
        String key = op.text();
        ops.putIfAbsent(key, op);
        orders.put(key, order);
        sources.merge(key, file + " " + String.join(" ", where), (a, b) -> a + ", " + b.substring(file.length() + 1));
    }

    /** The model lets go of one lock at several places with one feature: a change to one is a change to all. */
    private void oneRelease(List<LockOp> out) {
        for (LockOp op : out) {
            if (op.release() == null) {
                continue;
            }
            List<String> all = ModelledFunctions.releasing(op.release().feature());
            List<String> here = out.stream().filter(o -> op.release().equals(o.release())).map(LockOp::function).toList();
            if (!here.containsAll(all)) {
                notes.add(op.function() + ": the model lets go of " + op.release().lock().text() + " in "
                        + String.join(" and ", all) + " together (" + op.release().feature() + "): the change applies to all of them");
                return;
            }
        }
    }

    /** A lock both dropped and taken at one place is a move: no change, or a reorder to write by hand. */
    private List<LockOp> pairUp() {
        List<LockOp> out = new ArrayList<>();
        for (LockOp op : ops.values()) {
            if (op.kind() != LockOp.Kind.TAKE && op.kind() != LockOp.Kind.DROP) {
                out.add(op);
                continue;
            }
            LockOp other = op.kind() == LockOp.Kind.TAKE ? LockOp.drop(op.function(), op.call(), op.locks().get(0))
                    : LockOp.take(op.function(), op.call(), op.locks().get(0), LockOp.Placement.DEFAULT);
            LockOp match = ops.values().stream().filter(o -> o.kind() == other.kind() && o.function().equals(op.function())
                    && java.util.Objects.equals(o.call(), op.call()) && o.locks().equals(op.locks())).findFirst().orElse(null);
            if (match == null) {
                out.add(op);
            } else if (op.kind() == LockOp.Kind.TAKE) {
                List<LockName> was = orders.get(match.text());
                List<LockName> now = orders.get(op.text());
                if (was.equals(now)) {
                    notes.add(op.function() + ": moves " + op.locks().get(0).text() + " but it still brackets the same "
                            + "calls in the same order: no change to the model");
                } else {
                    add(new Unmapped("", op.function(), sources.get(op.text()), op.text(),
                            "reorders " + names(was) + " to " + names(now) + ": write it as 'in " + op.function()
                                    + ": order " + names(now) + " " + (op.call() == null ? "at entry" : "around " + op.call())
                                    + "' if that is what the model's path takes"));
                }
            }
        }
        return out;
    }

    private static String names(List<LockName> locks) {
        return String.join(", ", locks.stream().map(LockName::text).toList());
    }

}
