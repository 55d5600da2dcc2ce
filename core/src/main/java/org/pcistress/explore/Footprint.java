package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.Task;

/**
 * What one step of an explored execution touched, for partial-order reduction: the kernel objects
 * it operated on (the lock, completion or task named at its scheduling point, and every release it
 * made later in the same step), and what it did that others can see without naming an object.
 *
 * <p>Within one execution objects are compared by identity. The search's sleep sets compare a step
 * with one of an earlier execution (each builds a fresh model): there objects are compared by
 * their kernel name ({@code pci_bus_sem}, {@code &dev->mutex(01:00.0)}, {@code local_pci_probe}),
 * and two objects with one name count as one: more dependence, never less.
 *
 * <p>Two steps of different tasks are <em>dependent</em> (their order can matter) when:
 * <ul>
 *   <li>they touch an object of the same name, unless both only read-locked or read-unlocked it
 *       and neither blocked: two readers that got an rwsem at once commute (a writer queued or
 *       holding would have made the later one block, and a blocked reader is dependent on every
 *       step on that rwsem; the writer's own steps are dependent on every reader's); trylocks and
 *       a reader granted after a wait count as writers;</li>
 *   <li>either makes a marked shared access ({@code Locks.sharedAccess}): its target is a
 *       description, not the object, so it is dependent on everything;</li>
 *   <li>both create tasks (the explored-task numbers, task ids and kworker names follow creation
 *       order);</li>
 *   <li>one is where the wait-for detector found a cycle, and the other blocks, creates or ends a
 *       task or found a cycle too: the detector read every task's waits and holdings and whether a
 *       completer has exited. Two steps that block without closing a cycle commute: whichever
 *       comes second would have found a cycle through either wait.</li>
 * </ul>
 * A task's last step also touches every lock the task ever tried to take, because an exit
 * releases what it still holds without a scheduling point. Causal edges (a wake, a creation, a
 * nested task handing its thread back) are kept by {@link Step#causes}.
 */
final class Footprint {
    /** The objects touched: live model objects, compared by identity; names in a {@link #copy}. */
    final List<Object> objects = new ArrayList<>(2);
    /** Objects only read-locked or read-unlocked, without blocking: readers commute with readers. */
    final List<Object> reads = new ArrayList<>(0);
    boolean sharedAccess;
    boolean creates;
    boolean blocks;
    boolean exits;
    /** The wait-for detector found a cycle in this step (it read every task's waits and holdings). */
    boolean detects;

    /** The task ran {@code op} on {@code target} within this step. */
    void operation(org.pcistress.kernel.locking.Scheduler.Op op, Object target) {
        if (op == org.pcistress.kernel.locking.Scheduler.Op.READ_LOCK
                || op == org.pcistress.kernel.locking.Scheduler.Op.READ_UNLOCK) {
            touchRead(target);
        } else {
            touch(target);
        }
        sharedAccess |= op == org.pcistress.kernel.locking.Scheduler.Op.ACCESS;
    }

    /** {@code s} exits in this step: its exit releases what it still holds without a scheduling point. */
    void exit(TaskSlot s, Object target) {
        exits = true;
        touch(target);
        s.locks.forEach(this::touch);
        s.readLocks.forEach(this::touchRead);
    }

    void touch(Object target) {
        if (target != null && !has(objects, target)) {
            remove(reads, target);
            objects.add(target);
        }
    }

    /** A {@code down_read} or {@code up_read} of {@code target}. */
    void touchRead(Object target) {
        if (!has(objects, target) && !has(reads, target)) {
            reads.add(target);
        }
    }

    boolean dependent(Footprint o) {
        if (sharedAccess || o.sharedAccess || (creates && o.creates)) {
            return true;
        }
        if ((detects && (o.blocks || o.creates || o.exits || o.detects))
                || (o.detects && (blocks || creates || exits))) {
            return true;
        }
        for (Object n : objects) {
            if (has(o.objects, n) || has(o.reads, n)) {
                return true;
            }
        }
        for (Object n : reads) {
            if (has(o.objects, n) || (has(o.reads, n) && (blocks || o.blocks))) {
                return true;
            }
        }
        return false;
    }

    /** Identity for live objects; a copy holds names, equal by value. */
    private static boolean has(List<Object> in, Object x) {
        for (Object o : in) {
            if (o == x || (o instanceof String && o.equals(x))) {
                return true;
            }
        }
        return false;
    }

    private static void remove(List<Object> in, Object x) {
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i) == x) {
                in.remove(i);
                return;
            }
        }
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
        f.sharedAccess = sharedAccess;
        f.creates = creates;
        f.blocks = blocks;
        f.exits = exits;
        f.detects = detects;
        return f;
    }

    static String name(Object target) {
        if (target instanceof Task) {
            Object d = ((Task) target).schedulerData();
            return d instanceof TaskSlot && ((TaskSlot) d).runIndex >= 0
                    ? "task#" + ((TaskSlot) d).runIndex : "task:" + ((Task) target).name();
        }
        return target.getClass().getSimpleName() + ":" + target;
    }
}
