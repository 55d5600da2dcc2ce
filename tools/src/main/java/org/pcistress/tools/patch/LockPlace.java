package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcistress.model.change.LockName;
import org.pcistress.model.change.LockOp;
import org.pcistress.model.change.ModelledFunction;
import org.pcistress.model.change.Site;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.tools.patch.FunctionLines.Item;

/**
 * Where a lock region goes in the model, or why it cannot: around the one bracketed call it
 * covers; around the whole shown body (when the function's body is a path); or, when it encloses
 * a lock the function already takes, outermost on that lock's path.
 *
 * @param site      the place, or {@code null} with a reason
 * @param placement where among the path's existing locks
 * @param order     the locks held at the region's lock, outermost first, ending with it
 * @param reason    why it cannot be placed, or {@code null}
 */
record LockPlace(Site site, LockOp.Placement placement, List<LockName> order, String reason) {

    static LockPlace of(ModelledFunction mf, List<Item> image, List<LockRegion> regions, LockRegion r) {
        Set<String> covered = calls(mf, image, r.acquire() + 1, r.release());
        if (covered.isEmpty()) {
            return fail("brackets no call the model knows in " + mf.name() + " (it knows "
                    + String.join(", ", mf.knownCalls()) + ")");
        }
        List<LockName> order = new ArrayList<>();
        List<KernelPath> enclosed = new ArrayList<>();
        boolean inside = false;
        for (LockRegion e : regions) {
            if (e.lock() == r.lock()) {
                continue;
            }
            if (e.acquire() > r.acquire() && e.acquire() < r.release()) {
                KernelPath p = mf.locals().get(e.lock());
                if (p == null) {
                    return fail("encloses " + e.lock().text() + ", which the model does not take in " + mf.name());
                }
                enclosed.add(p);
            }
            if (e.covers(r.acquire()) && e.release() > r.release()) {
                inside = true;
                order.add(e.lock());
            }
        }
        order.add(r.lock());
        if (!enclosed.isEmpty()) {
            KernelPath p = enclosed.get(0);
            if (enclosed.stream().anyMatch(x -> x != p)) {
                return fail("encloses locks of different paths in the model: " + enclosed);
            }
            Site s = mf.sites().stream().filter(x -> x.release() == null && x.paths().contains(p)).findFirst().orElse(null);
            return s == null ? fail("encloses a lock of " + p + ", which has no place in " + mf.name())
                    : new LockPlace(s, LockOp.Placement.OUTERMOST, order, null);
        }
        LockOp.Placement pl = inside ? LockOp.Placement.INNERMOST : LockOp.Placement.DEFAULT;
        Set<String> sited = new LinkedHashSet<>();
        for (String c : covered) {
            if (mf.around(c) != null && mf.around(c).release() == null) {
                sited.add(c);
            }
        }
        if (sited.size() == 1 && sited.size() == covered.size()) {
            Site s = mf.around(sited.iterator().next());
            boolean local = regionsOfPath(mf, regions, r, s);
            return new LockPlace(s, local ? pl : LockOp.Placement.DEFAULT, order, null);
        }
        Set<String> all = calls(mf, image, 0, image.size());
        if (mf.entry() != null && covered.equals(all)) {
            return new LockPlace(mf.entry(), regionsOfPath(mf, regions, r, mf.entry()) ? pl : LockOp.Placement.DEFAULT,
                    order, null);
        }
        if (mf.entry() != null) {
            Set<String> rest = new LinkedHashSet<>(all);
            rest.removeAll(covered);
            return fail("brackets " + String.join(", ", covered) + " but not " + String.join(", ", rest)
                    + ": the model brackets " + mf.name() + "'s body as one path (" + mf.entry().paths().get(0) + ")");
        }
        return fail("brackets " + String.join(", ", covered) + ", which the model brackets separately");
    }

    /** Whether a lock enclosing {@code r} belongs to one of {@code s}'s paths. */
    private static boolean regionsOfPath(ModelledFunction mf, List<LockRegion> regions, LockRegion r, Site s) {
        return regions.stream().anyMatch(e -> e.lock() != r.lock() && e.covers(r.acquire())
                && s.paths().contains(mf.locals().get(e.lock())));
    }

    private static Set<String> calls(ModelledFunction mf, List<Item> image, int from, int to) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = Math.max(0, from); i < Math.min(to, image.size()); i++) {
            for (String c : mf.knownCalls()) {
                if (Pattern.compile("\\b" + Pattern.quote(c) + "\\s*\\(").matcher(image.get(i).code()).find()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static LockPlace fail(String why) {
        return new LockPlace(null, null, List.of(), why);
    }
}
