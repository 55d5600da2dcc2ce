package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.pcistress.model.change.LockName;
import org.pcistress.tools.patch.FunctionLines.Item;

/**
 * A lock held over shown lines of one image of one function: from the item that takes it to the
 * first item that releases it, plus later releases on other exit paths (an unlock before a
 * {@code return}, or after an error label). An end the patch does not show is -1 (taken before the
 * first shown line) or {@code size} (released after the last).
 *
 * @param lock     the lock
 * @param acquire  index of the taking item, or -1
 * @param release  index of the first releasing item, or the image size
 * @param exits    indexes of further releases
 */
record LockRegion(LockName lock, int acquire, int release, List<Integer> exits) {

    private static final Pattern BRANCH = Pattern.compile("\\s*(?:}\\s*)?(?:else\\s+)?(?:if|for|while)\\s*\\(.*\\)\\s*|\\s*(?:}\\s*)?else\\s*");

    /** Every region of every lock in {@code image}, in the order they are taken. */
    static List<LockRegion> of(List<Item> image) {
        return of(image, java.util.Set.of());
    }

    /** Every region in {@code image} whose lock calls are not at the items {@code skip} (release windows). */
    static List<LockRegion> of(List<Item> image, java.util.Set<Integer> skip) {
        List<LockRegion> out = new ArrayList<>();
        for (LockName lock : LockName.values()) {
            List<Integer> open = new ArrayList<>();
            LockRegion last = null;
            for (int i = 0; i < image.size(); i++) {
                if (skip.contains(i)) {
                    continue;
                }
                for (LockCall c : LockCall.scan(image.get(i).code())) {
                    if (c.lock() != lock || c.problem() != null) {
                        continue;
                    }
                    if (c.acquire()) {
                        open.add(i);
                    } else if (!open.isEmpty()) {
                        last = new LockRegion(lock, open.remove(open.size() - 1), i, new ArrayList<>());
                        out.add(last);
                    } else if (last != null) {
                        last.exits().add(i);
                    } else {
                        last = new LockRegion(lock, -1, i, new ArrayList<>());
                        out.add(last);
                    }
                }
            }
            for (int a : open) {
                out.add(new LockRegion(lock, a, image.size(), new ArrayList<>()));
            }
        }
        out.sort((x, y) -> Integer.compare(x.acquire, y.acquire));
        return out;
    }

    /** Whether the patch adds (new image) or removes (old image) this region's lock or first unlock. */
    boolean changed(List<Item> image) {
        return acquire >= 0 && image.get(acquire).changed() || release < image.size() && image.get(release).changed();
    }

    /** Whether the patch adds or removes only an unlock on another exit path. */
    boolean exitChanged(List<Item> image) {
        return exits.stream().anyMatch(i -> image.get(i).changed());
    }

    /** Holds the lock at item {@code i} (strictly between its lock and unlock). */
    boolean covers(int i) {
        return i > acquire && i < release;
    }

    /**
     * Why this region's lock placement cannot be read from the patch, or {@code null}: an end not
     * shown, ends in different hunks or blocks, or a lock call under an unbraced condition.
     */
    String problem(List<Item> image) {
        String hint = " (git format-patch -W or git diff -W shows whole functions)";
        if (acquire < 0) {
            return "an unlock whose lock the patch does not show" + hint;
        }
        if (release >= image.size()) {
            return "a lock whose unlock the patch does not show" + hint;
        }
        if (image.get(acquire).hunk() != image.get(release).hunk()) {
            return "the lock and its unlock are in different hunks: the lines between are not shown" + hint;
        }
        if (image.get(acquire).depth() != image.get(release).depth()) {
            return "locked and unlocked in different blocks: control flow check-patch does not follow";
        }
        for (int i : List.of(acquire, release)) {
            if (conditional(image, i)) {
                return "a lock call under an unbraced if/else/loop: control flow check-patch does not follow";
            }
        }
        return null;
    }

    /** Whether item {@code i}'s lock call depends on an {@code if} on its own line or the line before. */
    static boolean conditional(List<Item> image, int i) {
        String code = image.get(i).code();
        if (code.matches("\\s*(?:}\\s*)?(?:else\\s+)?(?:if|for|while)\\s*\\(.*")) {
            return true;
        }
        int j = previousCode(image, i);
        return j >= 0 && BRANCH.matcher(image.get(j).code()).matches();
    }

    /** The index of the last item before {@code i} with code on it, or -1. */
    static int previousCode(List<Item> image, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (!image.get(j).code().isBlank()) {
                return j;
            }
        }
        return -1;
    }
}
