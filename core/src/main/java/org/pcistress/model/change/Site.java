package org.pcistress.model.change;

import java.util.List;
import org.pcistress.model.profile.KernelPath;

/**
 * A place in a kernel function where the model can take or drop a lock: the whole body
 * ({@code call == null}, "at entry") or around the calls of one function, and the
 * {@link KernelPath}s whose lock steps that place is.
 *
 * @param file        the kernel file of the function (v6.19 tree)
 * @param function    the kernel function
 * @param call        the callee the locks bracket, or {@code null} for the body
 * @param paths       the model's paths for this place (several when the kernel shares the code:
 *                    {@code device_release_driver_internal} serves release, driver unload and unbind)
 * @param calleeLocks the paths' existing locks are taken inside the call (or deeper), so a lock
 *                    taken around this place is taken before them (outermost) unless told otherwise
 * @param release     non-null when the place is where the function lets go of its caller's lock
 *                    around the call ({@code paths} is then the caller's path): only that lock may
 *                    be dropped (released) or taken (kept held) here
 */
public record Site(String file, String function, String call, List<KernelPath> paths, boolean calleeLocks,
                   Release release) {
    public Site {
        paths = List.copyOf(paths);
    }

    public Site(String file, String function, String call, List<KernelPath> paths, boolean calleeLocks) {
        this(file, function, call, paths, calleeLocks, null);
    }

    /** {@code at entry} or {@code around CALL}. */
    public String where() {
        return call == null ? "at entry" : "around " + call;
    }
}
