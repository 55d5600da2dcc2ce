package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcistress.model.change.Companion;
import org.pcistress.model.change.LockName;
import org.pcistress.model.change.LockOp;
import org.pcistress.model.change.ModelledFunction;
import org.pcistress.model.change.Site;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.tools.patch.FunctionLines.Item;

/**
 * A function whose lock lines the patch only moves, so that it takes the same locks in another
 * order while each still brackets the same calls the model knows: an {@code order} line on the
 * path those locks are (a91ee0e9fca9 swaps cfg-access and device_lock in {@code pci_dev_lock}).
 * A reorder of locks of different paths, of a lock the function does not take in the model, or
 * one that also moves a lock across a call, is not derived: the reason says which.
 */
final class Reorder {
    private Reorder() {
    }

    /** {@code null} when the lock lines of {@code mf} are not only moved into another order. */
    static Derived of(ModelledFunction mf, List<Item> before, List<Item> after) {
        List<String> removed = changed(before, null);
        if (removed.isEmpty() || !sorted(removed).equals(sorted(changed(after, null)))) {
            return null;
        }
        List<LockName> was = sequence(before, true, false);
        List<LockName> now = sequence(after, true, false);
        if (was.equals(now) || !sorted(was).equals(sorted(now))) {
            return null;
        }
        String moved = "reorders " + names(was) + " to " + names(now);
        for (LockName l : now) {
            Set<String> a = brackets(mf, before, l);
            Set<String> b = brackets(mf, after, l);
            if (!a.equals(b)) {
                return Derived.fail(moved + " and moves " + l.text() + " from around " + calls(a) + " to around "
                        + calls(b) + ": write the order and the take/drop lines yourself");
            }
        }
        Set<KernelPath> paths = new LinkedHashSet<>();
        for (LockName l : now) {
            KernelPath p = mf.locals().get(l);
            if (p == null) {
                return Derived.fail(moved + ": the model does not take " + l.text() + " in " + mf.name());
            }
            paths.add(p);
        }
        if (paths.size() != 1) {
            return Derived.fail(moved + ": the model takes them on different paths " + paths);
        }
        KernelPath p = paths.iterator().next();
        Site s = mf.sites().stream().filter(x -> x.release() == null && x.paths().contains(p)).findFirst().orElse(null);
        return s == null ? Derived.fail(moved + ": " + p + " has no place in " + mf.name())
                : Derived.of(LockOp.order(mf.name(), s.call(), now));
    }

    /**
     * Why the lock lines of companion {@code c} are not in step with {@code order}, the new order of
     * the function it goes with ({@code null}: not changed there); {@code null} when they are.
     */
    static String companion(Companion c, List<Item> before, List<Item> after, List<LockName> order) {
        boolean release = c.kind() == Companion.Kind.RELEASE;
        Boolean acquire = !release;
        if (!sorted(changed(before, acquire)).equals(sorted(changed(after, acquire)))) {
            return c.name() + " goes with " + c.of() + ": the patch changes which locks it " + (release ? "releases" : "takes")
                    + ", not only their order";
        }
        List<LockName> now = sequence(after, acquire, true);
        if (order == null) {
            return "changes the order of " + names(now) + " in " + c.name() + " but not in " + c.of()
                    + ": the model has no line for it alone (" + c.why() + ")";
        }
        List<LockName> want = new ArrayList<>(order);
        if (release) {
            java.util.Collections.reverse(want);
        }
        return now.equals(want) ? null : c.name() + " would " + (release ? "release " : "take ") + names(now) + " while "
                + c.of() + " now takes " + names(order) + ": not in step, and the model has one order for both";
    }

    /** The lock or unlock calls of the changed items ({@code acquire}: only those; {@code null}: both). */
    private static List<String> changed(List<Item> image, Boolean acquire) {
        List<String> out = new ArrayList<>();
        for (Item it : image) {
            if (it.changed()) {
                for (LockCall c : LockCall.scan(it.code())) {
                    if (c.lock() != null && (acquire == null ? c.problem() == null : c.acquire() == acquire)) {
                        out.add((c.acquire() ? "+" : "-") + c.lock());
                    }
                }
            }
        }
        return out;
    }

    /** Each lock in the order the image first takes ({@code acquire}) or releases it; trylocks too if {@code tries}. */
    private static List<LockName> sequence(List<Item> image, boolean acquire, boolean tries) {
        Set<LockName> out = new LinkedHashSet<>();
        for (Item it : image) {
            for (LockCall c : LockCall.scan(it.code())) {
                if (c.lock() != null && c.acquire() == acquire && (tries || c.problem() == null)) {
                    out.add(c.lock());
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The known calls between the first lock of {@code l} and its unlock (or the last shown line). */
    private static Set<String> brackets(ModelledFunction mf, List<Item> image, LockName l) {
        Set<String> out = new LinkedHashSet<>();
        boolean held = false;
        for (Item it : image) {
            for (LockCall c : LockCall.scan(it.code())) {
                if (c.lock() == l && c.problem() == null) {
                    if (held) {
                        return out; // its unlock (or a second lock): the first region ends
                    }
                    held = c.acquire();
                }
            }
            if (held) {
                for (String call : mf.knownCalls()) {
                    if (Pattern.compile("\\b" + Pattern.quote(call) + "\\s*\\(").matcher(it.code()).find()) {
                        out.add(call);
                    }
                }
            }
        }
        return out;
    }

    private static List<String> sorted(List<?> l) {
        return l.stream().map(String::valueOf).sorted().toList();
    }

    private static String calls(Set<String> calls) {
        return calls.isEmpty() ? "no call the model knows" : String.join(", ", calls);
    }

    static String names(List<LockName> locks) {
        return String.join(", ", locks.stream().map(LockName::text).toList());
    }
}
