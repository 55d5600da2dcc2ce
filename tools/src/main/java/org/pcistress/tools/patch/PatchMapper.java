package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pcistress.model.change.Companion;
import org.pcistress.model.change.LockName;
import org.pcistress.model.change.LockOp;
import org.pcistress.model.change.ModelledFunction;
import org.pcistress.model.change.ModelledFunctions;
import org.pcistress.model.change.Variant;
import org.pcistress.tools.patch.FunctionLines.Item;

/**
 * Turns a patch into a lock change. In each function the model follows, a lock the patch adds
 * (or removes) is placed by the calls it brackets: around one call the model brackets, around the
 * whole shown body, or around an existing lock of a path (then it goes outermost on that path).
 * A call switched to a known lock-free variant is that variant. Everything else that touches a
 * lock is {@link Unmapped}, with the reason; nothing is guessed.
 */
final class PatchMapper {
    /** The reason for a lock line in a file the model does not follow; the report lists the files once. */
    static final String NOT_MODELLED = "is not a file whose functions a lock change can name yet";
    private static final Pattern VARIANT = Pattern.compile("\\b(\\w+_(?:nolock|locked|unlocked))\\s*\\(");

    private final Derivation found = new Derivation();

    private PatchMapper() {
    }

    static Mapping map(UnifiedDiff diff, String name, String cite) {
        PatchMapper m = new PatchMapper();
        List<Runnable> companions = new ArrayList<>(); // read after the functions they go with
        for (UnifiedDiff.FilePatch f : diff.files()) {
            boolean modelled = ModelledFunctions.files().contains(f.path());
            List<FunctionLines.Function> fns = FunctionLines.of(f);
            Map<String, String> renames = FunctionLines.renames(f);
            m.moves(f.path(), fns);
            for (FunctionLines.Function fn : fns) {
                ModelledFunction mf = fn.name() == null ? null : ModelledFunctions.named(fn.name());
                if (renames.containsKey(fn.name()) || renames.containsValue(fn.name())) {
                    m.unknown(f.path(), fn, modelled, "the patch renames " + renames.entrySet().stream()
                            .filter(e -> e.getKey().equals(fn.name()) || e.getValue().equals(fn.name()))
                            .map(e -> e.getKey() + " to " + e.getValue()).findFirst().orElseThrow()
                            + ": check-patch does not follow code from one function into another");
                } else if (modelled && mf != null) {
                    m.known(f.path(), fn, mf);
                } else if (modelled && ModelledFunctions.companion(fn.name()) != null) {
                    companions.add(() -> m.companion(f.path(), fn, ModelledFunctions.companion(fn.name())));
                } else {
                    m.unknown(f.path(), fn, modelled, null);
                }
            }
        }
        companions.forEach(Runnable::run);
        return m.found.mapping(name, cite);
    }

    private void unknown(String file, FunctionLines.Function fn, boolean modelled, String reason) {
        String name = fn.name() == null ? "?" : fn.name();
        String why = reason != null ? reason : !modelled ? file + " " + NOT_MODELLED
                : fn.name() == null ? "outside any function the patch shows (git format-patch -W shows whole functions)"
                : name + " is not a function the model follows; in " + file + " it follows "
                + String.join(", ", ModelledFunctions.in(file));
        Variant defined = ModelledFunctions.variant(name);
        if (defined != null) {
            found.notes.add("defines " + name + ", which the model knows as " + defined.of() + " without "
                    + defined.skips().text() + "; its body is not read");
        }
        for (boolean after : new boolean[] {false, true}) {
            List<Item> image = fn.image(after);
            conditioned(file, name, image, why + "; and ");
            for (Item it : image) {
                if (!it.changed()) {
                    continue;
                }
                boolean variantCall = VARIANT.matcher(it.code()).find() && (defined == null
                        || !name.equals(FunctionLines.definition(it.line().text())));
                if (!LockCall.scan(it.code()).isEmpty() || variantCall) {
                    found.add(unmapped(file, name, it, why));
                } else {
                    found.ignored++;
                }
            }
        }
    }

    /** A lock call the patch leaves alone but puts under a condition it adds (or frees from one it removes). */
    private void conditioned(String file, String function, List<Item> image, String prefix) {
        for (int i = 0; i < image.size(); i++) {
            Item it = image.get(i);
            int j = LockRegion.previousCode(image, i);
            if (!it.changed() && j >= 0 && image.get(j).changed() && !LockCall.scan(it.code()).isEmpty()
                    && LockRegion.conditional(image, i)) {
                found.add(unmapped(file, function, image.get(j), prefix + "puts " + it.code().strip()
                        + " under a condition: control flow check-patch does not follow"));
            }
        }
    }

    /** A lock call on a context line that the patch moves into another function (a rename, a split). */
    private void moves(String file, List<FunctionLines.Function> fns) {
        Map<UnifiedDiff.Line, String> before = new java.util.IdentityHashMap<>();
        Map<UnifiedDiff.Line, String> after = new java.util.IdentityHashMap<>();
        Map<UnifiedDiff.Line, Item> items = new java.util.IdentityHashMap<>();
        for (FunctionLines.Function fn : fns) {
            fn.before().forEach(it -> before.put(it.line(), String.valueOf(fn.name())));
            fn.after().forEach(it -> {
                after.put(it.line(), String.valueOf(fn.name()));
                items.put(it.line(), it);
            });
        }
        for (Map.Entry<UnifiedDiff.Line, String> e : before.entrySet()) {
            String now = after.get(e.getKey());
            Item it = items.get(e.getKey());
            if (now != null && !now.equals(e.getValue()) && !LockCall.scan(it.code()).isEmpty()) {
                found.add(unmapped(file, now, it, "this lock call moves from " + e.getValue() + " into " + now
                        + " (a new or renamed function): which callers take it then is not something check-patch follows"));
            }
        }
    }

    private void known(String file, FunctionLines.Function fn, ModelledFunction mf) {
        Derived reorder = Reorder.of(mf, fn.before(), fn.after());
        for (boolean after : new boolean[] {false, true}) {
            List<Item> image = fn.image(after);
            List<ReleaseWindow> windows = ReleaseWindow.of(mf, image);
            List<LockRegion> regions = reorder != null ? List.of() : LockRegion.of(image, ReleaseWindow.items(windows));
            conditioned(file, mf.name(), image, "");
            for (Item it : image) {
                if (!it.changed()) {
                    continue;
                }
                List<LockCall> calls = LockCall.scan(it.code());
                for (LockCall c : calls) {
                    if (c.problem() != null) {
                        found.add(unmapped(file, mf.name(), it, c.call() + ": " + c.problem()));
                    } else if (c.nested()) {
                        found.notes.add(c.call() + " in " + mf.name() + " is read as " + c.call().replace("_nested", "")
                                + ": the subclass only tells lockdep it nests");
                    } else if (c.call().startsWith("mutex_") && c.lock().text().startsWith("device_lock")) {
                        found.notes.add(c.call() + " on a struct device's mutex in " + mf.name() + " is read as "
                                + c.lock().text() + ": device_lock is exactly that mutex");
                    }
                }
                if (calls.isEmpty() && !VARIANT.matcher(it.code()).find()) {
                    found.ignored++;
                }
            }
            for (ReleaseWindow w : windows) {
                if (reorder == null && w.changed(image)) {
                    derived(file, mf, image, w.change(mf, image, after), w.up(), w.down());
                }
            }
            for (LockRegion r : regions) {
                if (r.changed(image)) {
                    region(file, mf, image, regions, r, after);
                } else if (r.exitChanged(image)) {
                    found.notes.add(mf.name() + ": " + (after ? "adds" : "removes") + " an unlock of " + r.lock().text()
                            + " on another exit path; the model always releases its locks, so this is no lock change");
                }
            }
            if (after) {
                variants(file, mf, image);
            }
        }
        if (reorder != null) {
            List<Item> changed = new ArrayList<>();
            for (boolean after : new boolean[] {false, true}) {
                fn.image(after).stream().filter(it -> it.changed() && LockCall.scan(it.code()).stream()
                        .anyMatch(c -> c.problem() == null)).forEach(changed::add);
            }
            if (reorder.op() == null) {
                changed.forEach(it -> found.add(unmapped(file, mf.name(), it, reorder.reason())));
            } else {
                found.record(file, reorder.op(), reorder.op().locks(), changed.stream().map(it -> it.line().where()).toList());
            }
        }
    }

    /** A line read from items {@code ends} of {@code image}, or the reason on those items that changed. */
    private void derived(String file, ModelledFunction mf, List<Item> image, Derived d, int... ends) {
        if (d.op() == null) {
            for (int i : ends) {
                if (image.get(i).changed()) {
                    found.add(unmapped(file, mf.name(), image.get(i), d.reason()));
                }
            }
            return;
        }
        List<String> where = new ArrayList<>();
        for (int i : ends) {
            where.add(image.get(i).line().where());
        }
        found.record(file, d.op(), d.op().locks(), where);
    }

    /** A function that goes with a modelled one ({@code pci_dev_unlock}): in step with its new order, or not mapped. */
    private void companion(String file, FunctionLines.Function fn, Companion c) {
        List<Item> lines = new ArrayList<>();
        for (boolean after : new boolean[] {false, true}) {
            fn.image(after).stream().filter(it -> it.changed() && !LockCall.scan(it.code()).isEmpty()).forEach(lines::add);
        }
        if (lines.isEmpty()) {
            found.ignored += (int) fn.after().stream().filter(Item::changed).count();
            return;
        }
        List<LockName> order = found.ops.values().stream().filter(o -> o.kind() == LockOp.Kind.ORDER
                && o.function().equals(c.of())).map(LockOp::locks).findFirst().orElse(null);
        String why = Reorder.companion(c, fn.before(), fn.after(), order);
        if (why != null) {
            lines.forEach(it -> found.add(unmapped(file, c.name(), it, why)));
            return;
        }
        found.notes.add(c.name() + " " + (c.kind() == Companion.Kind.RELEASE ? "releases" : "tries") + " the locks in step "
                + "with " + c.of() + "'s new order; it is no line of its own: " + c.why());
    }

    private void region(String file, ModelledFunction mf, List<Item> image, List<LockRegion> regions, LockRegion r,
                        boolean after) {
        String problem = r.problem(image);
        LockPlace placed = problem == null ? LockPlace.of(mf, image, regions, r) : null;
        String why = problem != null ? problem : placed.reason();
        if (why != null) {
            for (int i : new int[] {r.acquire(), r.release()}) {
                if (i >= 0 && i < image.size() && image.get(i).changed()) {
                    found.add(unmapped(file, mf.name(), image.get(i), why));
                }
            }
            return;
        }
        LockOp op = after ? LockOp.take(mf.name(), placed.site().call(), r.lock(), placed.placement())
                : LockOp.drop(mf.name(), placed.site().call(), r.lock());
        String key = op.text();
        found.ops.putIfAbsent(key, op);
        found.orders.put(key, placed.order());
        String src = image.get(r.acquire()).line().where() + " " + image.get(r.release()).line().where();
        found.sources.merge(key, file + " " + src, (a, b) -> a + ", " + b.substring(file.length() + 1));
        if (!mf.siblings().isEmpty()) {
            found.notes.add(mf.name() + ": the model brackets " + String.join(", ", mf.siblings()) + " with one path ("
                    + placed.site().paths().get(0) + "): the change applies to all of them");
        }
    }

    private void variants(String file, ModelledFunction mf, List<Item> image) {
        for (Item it : image) {
            if (!it.changed()) {
                continue;
            }
            Matcher m = VARIANT.matcher(it.code());
            while (m.find()) {
                Variant v = ModelledFunctions.variant(m.group(1));
                if (v == null) {
                    found.add(unmapped(file, mf.name(), it, m.group(1)
                            + ": a lock variant the model does not know (known: "
                            + String.join(", ", ModelledFunctions.variantNames()) + ")"));
                } else if (!v.callers().contains(mf.name())) {
                    found.add(unmapped(file, mf.name(), it, "the model calls " + v.of() + " only from "
                            + String.join(", ", v.callers()) + ", so calling " + v.name() + " from " + mf.name()
                            + " is no change it can make"));
                } else {
                    LockOp op = LockOp.callVariant(mf.name(), v.name());
                    found.ops.putIfAbsent(op.text(), op);
                    found.sources.merge(op.text(), file + " " + it.line().where(), (a, b) -> a + " " + it.line().where());
                }
            }
        }
    }

    private static Unmapped unmapped(String file, String function, Item it, String why) {
        return new Unmapped(file, function, it.line().where(), it.line().kind() + it.line().text(), why);
    }
}
