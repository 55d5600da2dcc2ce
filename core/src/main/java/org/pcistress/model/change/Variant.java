package org.pcistress.model.change;

import java.util.List;
import org.pcistress.model.profile.KernelPath;

/**
 * A kernel function that does what another does without one of its locks, called by a caller
 * that already holds it ({@code eeh_pe_bus_get_nolock} for {@code eeh_pe_bus_get}). Calling it
 * instead drops that lock from the path, which is faithful only while the model calls the path
 * from those callers alone.
 *
 * @param name    the lock-free function
 * @param of      the function it stands in for
 * @param skips   the lock it does not take
 * @param path    the path {@code of} brackets
 * @param callers the kernel functions the model calls {@code of} from
 */
public record Variant(String name, String of, LockName skips, KernelPath path, List<String> callers) {
    public Variant {
        callers = List.copyOf(callers);
    }
}
