package org.pcistress.kernel.locking;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lockdep lock class: the key every lock instance of one kind shares ({@code pci_bus_sem},
 * {@code &dev->mutex/PF}, …). The validator records dependencies between classes, never between
 * instances, exactly as lockdep does (kernel/locking/lockdep.c, all versions).
 *
 * <p>{@code validate == false} is the kernel's {@code lockdep_set_novalidate_class()}: the class
 * takes part in the wait-for detector but never in the dependency graph. A {@link #modelOnly}
 * class is validated by pcistress's own flavour but not by the kernel's ({@link LockdepFlavor}):
 * the model's per-role device locks, which the kernel puts in its novalidate class.
 */
public final class LockClass {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String name;
    private final int id;
    private final boolean validate;
    private final boolean kernelValidates;
    private final long key;

    private LockClass(String name, boolean validate, boolean kernelValidates) {
        this.name = name;
        this.validate = validate;
        this.kernelValidates = kernelValidates;
        this.id = IDS.incrementAndGet();
        this.key = nameKey(name);
    }

    public static LockClass of(String name) {
        return new LockClass(name, true, true);
    }

    /**
     * A class pcistress validates and the kernel's lockdep does not: the kernel made it novalidate
     * (device_lock), so only {@link LockdepFlavor#PCISTRESS} records its dependencies.
     */
    public static LockClass modelOnly(String name) {
        return new LockClass(name, true, false);
    }

    /** {@code lockdep_set_novalidate_class()}. */
    public static LockClass novalidate(String name) {
        return new LockClass(name, false, false);
    }

    public String name() {
        return name;
    }

    public int id() {
        return id;
    }

    public boolean validate() {
        return validate;
    }

    /** Does the validator of {@code flavour} record this class's dependencies? */
    public boolean validatedBy(LockdepFlavor flavour) {
        return flavour == LockdepFlavor.KERNEL ? kernelValidates : validate;
    }

    /**
     * A 64-bit hash of the name: the validator identifies classes by name, so locks of one role
     * built by different kernels (a fresh model per run) share their class's chains and edges.
     */
    long key() {
        return key;
    }

    private static long nameKey(String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a offset basis
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    @Override
    public String toString() {
        return name;
    }
}
