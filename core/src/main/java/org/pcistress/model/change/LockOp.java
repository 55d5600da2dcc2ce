package org.pcistress.model.change;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.LockStep;
import org.pcistress.model.profile.Profile;

/**
 * One line of a lock change: in a kernel function, take, drop or reorder locks at one place, or
 * call a lock-free variant. Built by {@link LockChangeFormat} (which checks every name against
 * {@link ModelledFunctions}) or by check-patch; {@link #apply} is the same {@link Profile} edit a
 * {@link org.pcistress.model.profile.Fix} makes.
 *
 * @param kind      what it does
 * @param function  the kernel function
 * @param call      the call the place brackets; {@code null} for the body ("at entry"), and for
 *                  {@link Kind#CALL} the function the variant stands in for
 * @param locks     the lock taken or dropped (one), or the new order (outermost first)
 * @param placement for {@link Kind#TAKE}: where among the path's existing locks
 * @param variant   for {@link Kind#CALL}: the lock-free function called instead
 */
public record LockOp(Kind kind, String function, String call, List<LockName> locks, Placement placement,
                     String variant) {

    /** What a line does. */
    public enum Kind { TAKE, DROP, ORDER, CALL }

    /** Where a taken lock goes among the locks the path already takes. */
    public enum Placement {
        /** Outermost when the place's existing locks are taken in a callee, else innermost. */
        DEFAULT,
        /** Before every lock the path already takes. */
        OUTERMOST,
        /** After every lock the path already takes. */
        INNERMOST
    }

    public LockOp {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(function, "function");
        locks = List.copyOf(locks);
        placement = placement == null ? Placement.DEFAULT : placement;
    }

    public static LockOp take(String function, String call, LockName lock, Placement placement) {
        return new LockOp(Kind.TAKE, function, call, List.of(lock), placement, null);
    }

    public static LockOp drop(String function, String call, LockName lock) {
        return new LockOp(Kind.DROP, function, call, List.of(lock), Placement.DEFAULT, null);
    }

    public static LockOp order(String function, String call, List<LockName> locks) {
        return new LockOp(Kind.ORDER, function, call, locks, Placement.DEFAULT, null);
    }

    public static LockOp callVariant(String function, String variant) {
        Variant v = ModelledFunctions.variant(variant);
        return new LockOp(Kind.CALL, function, v == null ? null : v.of(), List.of(), Placement.DEFAULT, variant);
    }

    /** The place this line changes ({@code null} for {@link Kind#CALL}). */
    public Site site() {
        ModelledFunction f = ModelledFunctions.named(function);
        if (f == null || kind == Kind.CALL) {
            return null;
        }
        return call == null ? f.entry() : f.around(call);
    }

    /** The model paths this line changes. */
    public List<KernelPath> paths() {
        if (kind == Kind.CALL) {
            return List.of(ModelledFunctions.variant(variant).path());
        }
        return site().paths();
    }

    /** This line applied to {@code p}. */
    public Profile apply(Profile p) {
        Release r = release();
        if (r != null) {
            return kind == Kind.DROP ? p.enable(r.feature()) : p.disable(r.feature());
        }
        Profile out = p;
        for (KernelPath path : paths()) {
            out = switch (kind) {
                case TAKE -> outermost() ? out.takeFirst(path, locks.get(0).step()) : out.take(path, locks.get(0).step());
                case DROP -> out.drop(path, locks.get(0).step());
                case ORDER -> out.order(path, locks.stream().map(LockName::step).toArray(LockStep[]::new));
                case CALL -> out.drop(path, ModelledFunctions.variant(variant).skips().step());
            };
        }
        return out;
    }

    /** The caller's lock this line lets go of (drop) or keeps held (take), or {@code null}. */
    public Release release() {
        Site s = kind == Kind.TAKE || kind == Kind.DROP ? site() : null;
        return s == null ? null : s.release();
    }

    /** Whether a taken lock goes before the path's existing locks. */
    public boolean outermost() {
        return placement == Placement.OUTERMOST || placement == Placement.DEFAULT && site() != null && site().calleeLocks();
    }

    /**
     * Why this line cannot be a change to {@code p} (it drops a lock {@code p} does not take there,
     * takes one it already takes, reorders locks it does not take), or {@code null} when it can.
     */
    public String conflict(Profile p) {
        Release r = release();
        if (r != null) {
            String where = " around " + call + " (" + function + ")";
            if (!p.steps(r.heldOn()).contains(r.lock().step())) {
                return p.name() + " does not take " + r.lock().text() + " on " + r.heldOn() + " (" + r.holder()
                        + "), so there is nothing to let go of" + where;
            }
            if (kind == Kind.DROP && p.has(r.feature())) {
                return p.name() + " already lets go of " + r.lock().text() + where;
            }
            if (kind == Kind.TAKE && !p.has(r.feature())) {
                return p.name() + " already holds " + r.lock().text() + where;
            }
            return null;
        }
        for (KernelPath path : paths()) {
            List<LockStep> has = p.steps(path);
            String where = " on " + path + " (" + function + (call == null ? "" : ", around " + call) + ")";
            switch (kind) {
                case TAKE:
                    if (has.contains(locks.get(0).step())) {
                        return p.name() + " already takes " + locks.get(0).text() + where;
                    }
                    break;
                case DROP:
                    if (!has.contains(locks.get(0).step())) {
                        return p.name() + " does not take " + locks.get(0).text() + where;
                    }
                    break;
                case ORDER:
                    List<LockStep> want = locks.stream().map(LockName::step).toList();
                    if (!new HashSet<>(has).equals(new HashSet<>(want))) {
                        return p.name() + " takes " + names(has) + where + ", not " + names(want);
                    }
                    if (has.equals(want)) {
                        return p.name() + " already takes " + names(has) + " in this order" + where;
                    }
                    break;
                default:
                    LockName skips = ModelledFunctions.variant(variant).skips();
                    if (!has.contains(skips.step())) {
                        return p.name() + " does not take " + skips.text() + where + ": " + variant + " changes nothing";
                    }
            }
        }
        return null;
    }

    private static String names(List<LockStep> steps) {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(LockName.of(s).text()));
        return out.isEmpty() ? "nothing" : String.join(", ", out);
    }

    /** The line in the lock-change format. */
    public String text() {
        String place = call == null ? "at entry" : "around " + call;
        return "in " + function + ": " + switch (kind) {
            case TAKE -> "take " + locks.get(0).text() + " " + place
                    + (placement == Placement.DEFAULT ? "" : " " + placement.name().toLowerCase(java.util.Locale.ROOT));
            case DROP -> "drop " + locks.get(0).text() + " " + place;
            case ORDER -> "order " + String.join(", ", locks.stream().map(LockName::text).toList()) + " " + place;
            case CALL -> "call " + variant + " instead of " + call;
        };
    }
}
