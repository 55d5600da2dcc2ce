package org.pcistress.explore;

import java.util.LinkedHashSet;
import java.util.Set;
import org.pcistress.kernel.locking.Task;

/**
 * What one step of an explored execution touched, for partial-order reduction: the kernel objects
 * it operated on (the lock, completion or task named at its scheduling point, and every release it
 * made later in the same step), and the model state it read or wrote between scheduling points,
 * as the model declares it ({@code Locks.reads}/{@code Locks.writes}: a field of an owner).
 *
 * <p>Within one execution objects are compared by identity. The search's sleep sets compare a step
 * with one of an earlier execution (each builds a fresh model): there objects are compared by
 * their kernel name ({@code pci_bus_sem}, {@code &dev->mutex(01:00.0)}, {@code local_pci_probe}),
 * fields by owner name and field ({@code 01:00.2[VF].added}), and two objects with one name count
 * as one: more dependence, never less.
 *
 * <p>Two steps of different tasks are <em>dependent</em> (their order can matter) when:
 * <ul>
 *   <li>they touch an object of the same name, unless both only read-locked or read-unlocked it
 *       and neither blocked: two readers that got an rwsem at once commute (a writer queued or
 *       holding would have made the later one block, and a blocked reader is dependent on every
 *       step on that rwsem; the writer's own steps are dependent on every reader's); trylocks and
 *       a reader granted after a wait count as writers;</li>
 *   <li>one writes a model field the other reads or writes (reads commute with reads);</li>
 *   <li>both create tasks (the explored-task numbers, task ids and kworker names follow creation
 *       order);</li>
 *   <li>one is where the wait-for detector found a cycle, and the other blocks, creates or ends a
 *       task or found a cycle too: the detector read every task's waits and holdings and whether a
 *       completer has exited. Two steps that block without closing a cycle commute: whichever
 *       comes second would have found a cycle through either wait.</li>
 * </ul>
 * A {@code Locks.sharedAccess} point touches nothing by itself: it only lets a switch happen
 * before the access, and the accessor that makes the access declares the field. A task's exit
 * touches the task (what it held was released at scheduling points of their own before it).
 * Causal edges (a wake, a creation, a nested task handing its thread back) are kept by
 * {@link Step#causes}.
 */
final class Footprint {
    /** Objects operated on and fields written: live model objects and {@link Field}s; names in a {@link #copy}. */
    final Set<Object> objects = new LinkedHashSet<>(4);
    /** Objects only read-locked or read-unlocked, without blocking: readers commute with readers. */
    final Set<Object> reads = new LinkedHashSet<>(2);
    /** Model fields only read ({@link Field}s; fields written are in {@link #objects}). */
    final Set<Object> fieldReads = new LinkedHashSet<>(4);
    /**
     * Locks and completions whose state the step looked at without waiting
     * ({@link org.pcistress.kernel.locking.Scheduler#PEEK}), or {@code null}: what tells a granted
     * wait from one that never slept ({@link GrantedWait}).
     */
    Set<Object> peeks;
    boolean creates;
    /**
     * The step reported a failure: set on the copies the search keeps, for its sleep sets within a
     * bound, where two failing steps are dependent ({@link HappensBefore}'s {@code orderFailures}).
     */
    boolean failed;
    boolean blocks;
    boolean exits;
    /** The wait-for detector found a cycle in this step (it read every task's waits and holdings). */
    boolean detects;

    /** The task ran {@code op} on {@code target} within this step. */
    void operation(org.pcistress.kernel.locking.Scheduler.Op op, Object target) {
        if (op == org.pcistress.kernel.locking.Scheduler.Op.ACCESS) {
            return; // only a place to switch: the accessor declares what it reads or writes
        }
        if (op == org.pcistress.kernel.locking.Scheduler.Op.READ_LOCK
                || op == org.pcistress.kernel.locking.Scheduler.Op.READ_UNLOCK) {
            touchRead(target);
        } else {
            touch(target);
        }
    }

    /** The step read or wrote {@code field} of {@code owner} (model state shared outside locks). */
    void field(Object owner, String field, boolean write) {
        if (org.pcistress.kernel.locking.Scheduler.PEEK.equals(field)) {
            peek(owner);
            return;
        }
        Field f = new Field(owner, field);
        if (objects.contains(f)) {
            return; // written already
        }
        if (write) {
            fieldReads.remove(f);
            objects.add(f);
        } else {
            fieldReads.add(f);
        }
    }

    /**
     * {@code s} exits in this step. Whatever it still held was released before, each release at a
     * scheduling point of its own ({@code releaseOnUnwind}), so in this or an earlier step's
     * footprint already; the exit itself ends the task (what the detector reads: {@link #exits}).
     */
    void exit(Object target) {
        exits = true;
        touch(target);
    }

    /** The step looked at {@code target}'s state without waiting on it. */
    void peek(Object target) {
        if (peeks == null) {
            peeks = new LinkedHashSet<>(2);
        }
        peeks.add(target);
    }

    void touch(Object target) {
        if (target != null && objects.add(target)) {
            reads.remove(target);
        }
    }

    /** A {@code down_read} or {@code up_read} of {@code target}. */
    void touchRead(Object target) {
        if (target != null && !objects.contains(target)) {
            reads.add(target);
        }
    }

    boolean dependent(Footprint o) {
        if (creates && o.creates) {
            return true;
        }
        if ((detects && (o.blocks || o.creates || o.exits || o.detects))
                || (o.detects && (blocks || creates || exits))) {
            return true;
        }
        return meet(objects, o.objects) || meet(objects, o.reads) || meet(objects, o.fieldReads)
                || meet(reads, o.objects) || meet(fieldReads, o.objects)
                || ((blocks || o.blocks) && meet(reads, o.reads));
    }

    /** Would this step still be dependent on {@code o} if it had not touched {@code target}? */
    boolean dependentApartFrom(Footprint o, Object target) {
        Footprint f = new Footprint();
        f.objects.addAll(objects);
        f.objects.remove(target);
        f.reads.addAll(reads);
        f.reads.remove(target);
        f.fieldReads.addAll(fieldReads);
        f.creates = creates;
        f.blocks = blocks;
        f.exits = exits;
        f.detects = detects;
        return f.dependent(o);
    }

    /**
     * Do {@code a} and {@code b} share an element? Live objects are equal only to themselves (no
     * class the explorer sees defines equals), names by value, fields by owner identity and name.
     */
    private static boolean meet(Set<Object> a, Set<Object> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        Set<Object> small = a.size() <= b.size() ? a : b;
        Set<Object> big = small == a ? b : a;
        for (Object x : small) {
            if (big.contains(x)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy naming each object instead of holding it, kept by the search after the execution's
     * objects are gone and compared with later executions' steps by name.
     */
    Footprint copy() {
        Footprint f = new Footprint();
        for (Object o : objects) {
            f.objects.add(name(o));
        }
        for (Object o : reads) {
            f.reads.add(name(o));
        }
        for (Object o : fieldReads) {
            f.fieldReads.add(name(o));
        }
        if (peeks != null) {
            for (Object o : peeks) {
                f.peek(name(o));
            }
        }
        f.creates = creates;
        f.blocks = blocks;
        f.exits = exits;
        f.detects = detects;
        return f;
    }

    static String name(Object target) {
        if (target instanceof String) {
            return (String) target;
        }
        if (target instanceof Field) {
            Object owner = ((Field) target).owner;
            String o = owner instanceof Task ? name(owner)
                    : definesName(owner.getClass()) ? owner.toString() : owner.getClass().getSimpleName();
            return "field:" + o + "." + ((Field) target).field;
        }
        if (target instanceof Task) {
            Object d = ((Task) target).schedulerData();
            return d instanceof TaskSlot && ((TaskSlot) d).runIndex >= 0
                    ? "task#" + ((TaskSlot) d).runIndex : "task:" + ((Task) target).name();
        }
        return target.getClass().getSimpleName() + ":" + target;
    }

    private static final ClassValue<Boolean> NAMED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            try {
                return c.getMethod("toString").getDeclaringClass() != Object.class
                        && c.getName().startsWith("org.pcistress.");
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** Does {@code c} name its instances (a {@code toString} of its own, in this project)? */
    private static boolean definesName(Class<?> c) {
        return NAMED.get(c);
    }

    /** A field of a model object, as the model declares its accesses: the same owner (by identity) and name. */
    private static final class Field {
        final Object owner;
        final String field;

        Field(Object owner, String field) {
            this.owner = owner;
            this.field = field;
        }

        @Override
        public boolean equals(Object x) {
            return x instanceof Field && ((Field) x).owner == owner && ((Field) x).field.equals(field);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(owner) * 31 + field.hashCode();
        }
    }
}
