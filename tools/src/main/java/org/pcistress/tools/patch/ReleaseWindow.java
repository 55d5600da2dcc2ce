package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcistress.model.change.LockName;
import org.pcistress.model.change.LockOp;
import org.pcistress.model.change.ModelledFunction;
import org.pcistress.model.change.ModelledFunctions;
import org.pcistress.model.change.Site;
import org.pcistress.tools.patch.FunctionLines.Item;

/**
 * Where a function lets go of a lock its caller holds and takes it again: an unlock of a lock the
 * function does not take itself, then a lock of it (f5eff5591b8f: {@code up_read(&ctrl->reset_lock)}
 * before {@code pci_stop_and_remove_bus_device}, {@code down_read_nested} after). Added, it is a
 * {@code drop} at the place that lets go of that lock; removed, a {@code take} (keep it held).
 *
 * @param lock the caller's lock
 * @param up   the item that lets go of it
 * @param down the item that takes it again
 */
record ReleaseWindow(LockName lock, int up, int down) {

    /** Every window in {@code image}, for the locks {@code mf} does not take itself. */
    static List<ReleaseWindow> of(ModelledFunction mf, List<Item> image) {
        List<ReleaseWindow> out = new ArrayList<>();
        for (LockName lock : LockName.values()) {
            if (mf.locals().containsKey(lock)) {
                continue;
            }
            int up = -1;
            int open = 0;
            for (int i = 0; i < image.size(); i++) {
                for (LockCall c : LockCall.scan(image.get(i).code())) {
                    if (c.lock() != lock || c.problem() != null) {
                        continue;
                    }
                    if (!c.acquire() && open == 0) {
                        up = i;
                    } else if (!c.acquire()) {
                        open--;
                    } else if (up >= 0) {
                        out.add(new ReleaseWindow(lock, up, i));
                        up = -1;
                    } else {
                        open++;
                    }
                }
            }
        }
        return out;
    }

    /** The items of every window, which are no lock regions. */
    static Set<Integer> items(List<ReleaseWindow> windows) {
        Set<Integer> out = new java.util.HashSet<>();
        windows.forEach(w -> {
            out.add(w.up);
            out.add(w.down);
        });
        return out;
    }

    boolean changed(List<Item> image) {
        return image.get(up).changed() || image.get(down).changed();
    }

    /** The lock change this window is in {@code image} (the new one when {@code after}), or why it is none. */
    Derived change(ModelledFunction mf, List<Item> image, boolean after) {
        if (!image.get(up).changed() || !image.get(down).changed()) {
            return Derived.fail("lets go of " + lock.text() + " and takes it again, but the patch changes only one of the two calls: "
                    + "the window moves, which check-patch does not follow");
        }
        if (image.get(up).hunk() != image.get(down).hunk() || image.get(up).depth() != image.get(down).depth()
                || LockRegion.conditional(image, up) || LockRegion.conditional(image, down)) {
            return Derived.fail("lets go of " + lock.text() + " and takes it again in different blocks or hunks, or under an unbraced "
                    + "if: control flow check-patch does not follow");
        }
        Set<String> covered = new LinkedHashSet<>();
        for (int i = up + 1; i < down; i++) {
            for (String c : mf.knownCalls()) {
                if (Pattern.compile("\\b" + Pattern.quote(c) + "\\s*\\(").matcher(image.get(i).code()).find()) {
                    covered.add(c);
                }
            }
        }
        Site s = covered.size() == 1 ? mf.around(covered.iterator().next()) : null;
        if (s == null || s.release() == null || s.release().lock() != lock) {
            return Derived.fail("lets go of " + lock.text() + ", which its caller holds, around " + (covered.isEmpty() ? "no call the "
                    + "model knows" : String.join(", ", covered)) + "; the model lets go of a caller's lock only "
                    + String.join(", ", places(lock)));
        }
        return Derived.of(after ? LockOp.drop(mf.name(), s.call(), lock)
                : LockOp.take(mf.name(), s.call(), lock, LockOp.Placement.DEFAULT));
    }

    /** Every place that lets go of {@code lock}: {@code in pciehp_configure_device around pci_bus_add_devices}. */
    private static List<String> places(LockName lock) {
        List<String> out = new ArrayList<>();
        for (String name : ModelledFunctions.names()) {
            for (Site s : ModelledFunctions.named(name).sites()) {
                if (s.release() != null && s.release().lock() == lock) {
                    out.add("in " + name + " " + s.where());
                }
            }
        }
        return out.isEmpty() ? List.of("nowhere") : out;
    }
}
