package org.pcistress.model.change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcistress.model.profile.KernelPath;

/**
 * A kernel function the model follows, as a lock change sees it: where a lock can go (its
 * {@link Site}s), which of the locks it already takes belong to which path ({@code locals}, as in
 * the v6.19 tree with the SR-IOV revert series), and the calls of its body the model makes but no
 * site brackets ({@code markers}: moving a lock across one of them is a change the model cannot
 * express).
 *
 * @param file     the kernel file (v6.19 tree; older trees may have it elsewhere)
 * @param name     the function
 * @param sites    entry first (if the model brackets the body), then each bracketed call
 * @param locals   locks this function itself takes, by the path they belong to
 * @param markers  other calls the model makes in this function's body
 * @param siblings functions bracketed by the same path as this one's body (the report_*
 *                 callbacks): a change to one of them applies to all
 */
public record ModelledFunction(String file, String name, List<Site> sites, Map<LockName, KernelPath> locals,
                               List<String> markers, List<String> siblings) {
    public ModelledFunction {
        sites = List.copyOf(sites);
        locals = Map.copyOf(locals);
        markers = List.copyOf(markers);
        siblings = List.copyOf(siblings);
    }

    /** The body's site, or {@code null} when the model brackets only calls in this function. */
    public Site entry() {
        return sites.stream().filter(s -> s.call() == null).findFirst().orElse(null);
    }

    /** The site around {@code call}, or {@code null}. */
    public Site around(String call) {
        return sites.stream().filter(s -> call.equals(s.call())).findFirst().orElse(null);
    }

    /** Every place, as a lock change spells it: {@code at entry}, {@code around sriov_configure}. */
    public List<String> places() {
        List<String> out = new ArrayList<>();
        sites.forEach(s -> out.add(s.where()));
        return out;
    }

    /** Every call the model knows in this function: bracketed calls, then markers. */
    public List<String> knownCalls() {
        List<String> out = new ArrayList<>();
        for (Site s : sites) {
            if (s.call() != null) {
                out.add(s.call());
            }
        }
        out.addAll(markers);
        return out;
    }
}
