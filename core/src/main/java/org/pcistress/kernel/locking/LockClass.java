package org.pcistress.kernel.locking;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lockdep lock class: the key every lock instance of one kind shares ({@code pci_bus_sem},
 * {@code &dev->mutex/PF}, …). The validator records dependencies between classes, never between
 * instances, exactly as lockdep does (kernel/locking/lockdep.c, all versions).
 *
 * <p>{@code validate == false} is the kernel's {@code lockdep_set_novalidate_class()}: the class
 * takes part in the wait-for detector but never in the dependency graph.
 */
public final class LockClass {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String name;
    private final int id;
    private final boolean validate;

    private LockClass(String name, boolean validate) {
        this.name = name;
        this.validate = validate;
        this.id = IDS.incrementAndGet();
    }

    public static LockClass of(String name) {
        return new LockClass(name, true);
    }

    /** {@code lockdep_set_novalidate_class()}. */
    public static LockClass novalidate(String name) {
        return new LockClass(name, false);
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

    @Override
    public String toString() {
        return name;
    }
}
