package org.pcistress.model.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The lock choices of one kernel variant: for each {@link KernelPath} the {@link LockStep}s it
 * takes around its body, in order, and the {@link Feature}s it has. Immutable: every editing
 * method returns a new profile, so a {@link Fix} is a plain {@code Profile -> Profile} function.
 *
 * <p>Get one with {@link Profiles#named(String)} ({@code "v6.18"}, {@code "v4.14+list-snapshot"}).
 */
public final class Profile {
    private static final List<LockStep> NONE = List.of();

    private final String name;
    private final KernelVersion version;
    private final Map<KernelPath, List<LockStep>> steps;
    private final Set<Feature> features;
    private final Map<String, List<LockStep>> userSteps;

    Profile(String name, KernelVersion version, Map<KernelPath, List<LockStep>> steps, Set<Feature> features) {
        this(name, version, steps, features, Map.of());
    }

    private Profile(String name, KernelVersion version, Map<KernelPath, List<LockStep>> steps, Set<Feature> features,
                    Map<String, List<LockStep>> userSteps) {
        this.name = name;
        this.userSteps = Map.copyOf(userSteps);
        this.version = version;
        EnumMap<KernelPath, List<LockStep>> copy = new EnumMap<>(KernelPath.class);
        for (Map.Entry<KernelPath, List<LockStep>> e : steps.entrySet()) {
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        this.steps = Collections.unmodifiableMap(copy);
        this.features = Collections.unmodifiableSet(features.isEmpty()
                ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features));
    }

    /** A profile with no lock steps at all, for building a variant from scratch. */
    public static Profile empty(String name, KernelVersion version) {
        return new Profile(name, version, Map.of(), Set.of());
    }

    /** {@link Profiles#named(String)}. */
    public static Profile named(String spec) {
        return Profiles.named(spec);
    }

    public String name() {
        return name;
    }

    public KernelVersion version() {
        return version;
    }

    /** The locks {@code path} takes around its body, outermost first. */
    public List<LockStep> steps(KernelPath path) {
        return steps.getOrDefault(path, NONE);
    }

    public boolean has(Feature f) {
        return features.contains(f);
    }

    public Set<Feature> features() {
        return features;
    }

    // ---- editing: each returns a new profile ----------------------------------------------------

    /** Takes {@code step} on {@code path}, innermost (after the steps already there). No-op if taken. */
    public Profile take(KernelPath path, LockStep step) {
        return withSteps(path, taken(steps(path), step));
    }

    /** Takes {@code step} on {@code path}, outermost (before the steps already there). */
    public Profile takeFirst(KernelPath path, LockStep step) {
        return withSteps(path, takenFirst(steps(path), step));
    }

    /** Stops taking {@code step} on {@code path}. */
    public Profile drop(KernelPath path, LockStep step) {
        return withSteps(path, dropped(steps(path), step));
    }

    /** Replaces the steps of {@code path}: exactly these, in this order (none to take nothing). */
    public Profile order(KernelPath path, LockStep... order) {
        List<LockStep> l = Arrays.asList(order);
        if (new java.util.HashSet<>(l).size() != l.size()) {
            throw new IllegalArgumentException("a lock step twice on " + path + ": " + l);
        }
        return withSteps(path, l);
    }

    public Profile enable(Feature f) {
        EnumSet<Feature> s = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        s.add(f);
        return new Profile(name, version, steps, s, userSteps);
    }

    public Profile disable(Feature f) {
        EnumSet<Feature> s = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
        s.remove(f);
        return new Profile(name, version, steps, s, userSteps);
    }

    /** This profile with {@code fix} applied, named {@code name() + "+" + fix.name()}. */
    public Profile with(Fix fix) {
        return fix.applyTo(this);
    }

    /** The same choices under another name. */
    public Profile renamed(String newName) {
        return new Profile(Objects.requireNonNull(newName), version, steps, features, userSteps);
    }

    private Profile withSteps(KernelPath path, List<LockStep> l) {
        EnumMap<KernelPath, List<LockStep>> m = new EnumMap<>(KernelPath.class);
        m.putAll(steps);
        m.put(path, l);
        return new Profile(name, version, m, features, userSteps);
    }

    // ---- user paths: the same editing, for paths modelled outside core ----------------------------

    /** The locks {@code path} takes around its body: this profile's, or the path's defaults. */
    public List<LockStep> steps(UserPath path) {
        return userSteps.getOrDefault(path.name(), path.defaults());
    }

    /** Takes {@code step} on {@code path}, innermost. No-op if taken. */
    public Profile take(UserPath path, LockStep step) {
        return withSteps(path, taken(steps(path), step));
    }

    /** Takes {@code step} on {@code path}, outermost. */
    public Profile takeFirst(UserPath path, LockStep step) {
        return withSteps(path, takenFirst(steps(path), step));
    }

    /** Stops taking {@code step} on {@code path}. */
    public Profile drop(UserPath path, LockStep step) {
        return withSteps(path, dropped(steps(path), step));
    }

    /** Replaces the steps of {@code path}: exactly these, in this order. */
    public Profile order(UserPath path, LockStep... order) {
        return withSteps(path, new UserPath(path.name(), Arrays.asList(order)).defaults());
    }

    private Profile withSteps(UserPath path, List<LockStep> l) {
        Map<String, List<LockStep>> m = new java.util.HashMap<>(userSteps);
        m.put(path.name(), List.copyOf(l));
        return new Profile(name, version, steps, features, m);
    }

    Map<KernelPath, List<LockStep>> stepsMap() {
        return steps;
    }

    /** Every path whose steps differ from {@code other}'s, as {@code PATH: [..] -> [..]} lines. */
    public List<String> diff(Profile other) {
        List<String> out = new ArrayList<>();
        for (KernelPath p : KernelPath.values()) {
            if (!steps(p).equals(other.steps(p))) {
                out.add(p + ": " + other.steps(p) + " -> " + steps(p));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }

    /** {@code steps} with {@code step} taken innermost, unless it is there already. */
    private static List<LockStep> taken(List<LockStep> steps, LockStep step) {
        List<LockStep> l = new ArrayList<>(steps);
        if (!l.contains(step)) {
            l.add(step);
        }
        return l;
    }

    /** {@code steps} with {@code step} moved (or added) outermost. */
    private static List<LockStep> takenFirst(List<LockStep> steps, LockStep step) {
        List<LockStep> l = new ArrayList<>(steps);
        l.remove(step);
        l.add(0, step);
        return l;
    }

    /** {@code steps} without {@code step}. */
    private static List<LockStep> dropped(List<LockStep> steps, LockStep step) {
        List<LockStep> l = new ArrayList<>(steps);
        l.remove(step);
        return l;
    }
}
