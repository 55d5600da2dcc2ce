package org.pcistress.model.pci;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pcistress.kernel.locking.Task;

/**
 * Fix {@code detach-outside-rescan}: a region of a task (a scan under the rescan lock) in which
 * {@code pci_bus_add_device} adds devices without attaching drivers; the region's owner attaches
 * them after dropping the rescan lock. Regions nest per task.
 */
public final class DeferredAttach {
    private final Map<Task, ArrayDeque<List<PciDev>>> regions = new ConcurrentHashMap<>();

    /** Opens a region for the current task. */
    public void open() {
        regions.computeIfAbsent(Task.current(), t -> new ArrayDeque<>()).push(new ArrayList<>());
    }

    /** Defers {@code dev}'s attach if the current task has an open region. */
    boolean defer(PciDev dev) {
        ArrayDeque<List<PciDev>> d = regions.get(Task.current());
        if (d == null || d.isEmpty()) {
            return false;
        }
        d.peek().add(dev);
        return true;
    }

    /** Closes the current task's innermost region and returns the devices to attach. */
    public List<PciDev> close() {
        Task t = Task.current();
        ArrayDeque<List<PciDev>> d = regions.get(t);
        if (d == null || d.isEmpty()) {
            return List.of();
        }
        List<PciDev> out = d.pop();
        if (d.isEmpty()) {
            regions.remove(t);
        }
        return out;
    }
}
