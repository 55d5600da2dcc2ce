package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.Task;

/**
 * What one step of an explored execution touched, for partial-order reduction: the kernel objects
 * it operated on (the lock, completion or task named at its scheduling point, and every release it
 * made later in the same step), and what it did that others can see without naming an object.
 *
 * <p>Objects are named by their kernel name ({@code pci_bus_sem}, {@code &dev->mutex(01:00.0)}),
 * so footprints of different executions (each builds a fresh model) can be compared. Two objects
 * with one name count as one: more dependence, never less.
 *
 * <p>Two steps of different tasks are <em>dependent</em> (their order can matter) when:
 * <ul>
 *   <li>they touch an object of the same name, whatever the operations (two {@code down_read}s of
 *       one rwsem included: a queued writer makes their order matter; trylocks included);</li>
 *   <li>either makes a marked shared access ({@code Locks.sharedAccess}): its target is a
 *       description, not the object, so it is dependent on everything;</li>
 *   <li>both create tasks (the explored-task numbers, task ids and kworker names follow creation
 *       order);</li>
 *   <li>both block, or one blocks and the other creates or ends a task: the wait-for detector
 *       running in a blocking step reads every task's waits, holdings and whether a completer has
 *       exited.</li>
 * </ul>
 * A task's last step also touches every lock the task ever tried to take, because an exit
 * releases what it still holds without a scheduling point. Causal edges (a wake, a creation, a
 * nested task handing its thread back) are kept by {@link Step#causes}.
 */
final class Footprint {
    final List<String> objects = new ArrayList<>(2);
    boolean sharedAccess;
    boolean creates;
    boolean blocks;
    boolean exits;

    void touch(Object target) {
        if (target != null) {
            add(name(target));
        }
    }

    void add(String name) {
        if (!objects.contains(name)) {
            objects.add(name);
        }
    }

    boolean dependent(Footprint o) {
        if (sharedAccess || o.sharedAccess || (creates && o.creates)) {
            return true;
        }
        if ((blocks || creates || exits) && (o.blocks || o.creates || o.exits) && (blocks || o.blocks)) {
            return true;
        }
        for (String n : objects) {
            if (o.objects.contains(n)) {
                return true;
            }
        }
        return false;
    }

    /** An immutable copy, kept by the search after the execution's objects are gone. */
    Footprint copy() {
        Footprint f = new Footprint();
        f.objects.addAll(objects);
        f.sharedAccess = sharedAccess;
        f.creates = creates;
        f.blocks = blocks;
        f.exits = exits;
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
