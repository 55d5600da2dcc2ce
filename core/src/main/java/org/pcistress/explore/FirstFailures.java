package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * Which failures an explored execution shows <em>first</em> in some reordering it stands for
 * (what the plain search reports): a failure at step {@code k} is first when no step that happens
 * before it reported a failure other than a warning ({@code LOCKING_BUG}).
 */
final class FirstFailures {
    private FirstFailures() {
    }

    /**
     * The failure kinds of step {@code k} that some reordering shows first: those reported before
     * any other failure than a warning in the step, when every step before it in the order reported
     * warnings at most.
     */
    static List<String> kinds(List<Step> steps, HappensBefore hb, int k) {
        List<String> out = new ArrayList<>(0);
        if (!steps.get(k).failed()) {
            return out;
        }
        for (int i = 0; i < k; i++) {
            if (hb.before(i, k) && !warningsOnly(steps.get(i))) {
                return out;
            }
        }
        for (org.pcistress.kernel.Report r : steps.get(k).reports) {
            if (r.kind().isFailure()) {
                if (!out.contains(r.kind().name())) {
                    out.add(r.kind().name());
                }
                if (r.kind() != org.pcistress.kernel.ReportKind.LOCKING_BUG) {
                    break;
                }
            }
        }
        return out;
    }

    private static boolean warningsOnly(Step s) {
        for (org.pcistress.kernel.Report r : s.reports) {
            if (r.kind().isFailure() && r.kind() != org.pcistress.kernel.ReportKind.LOCKING_BUG) {
                return false;
            }
        }
        return true;
    }

    /** Does {@code r} show {@code kind} at step {@code at} as a first failure? */
    static boolean shows(Execution r, int at, String kind) {
        List<Step> steps = r.steps();
        return steps.size() > at && kinds(steps, new HappensBefore(steps, null), at).contains(kind);
    }
}
