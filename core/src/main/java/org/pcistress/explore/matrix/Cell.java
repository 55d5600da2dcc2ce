package org.pcistress.explore.matrix;

import java.util.List;

/**
 * One cell of the matrix: one entry point alone, or two raced, explored for all schedules where the
 * search finishes, else within the bound.
 *
 * @param key          {@code bind_pf+aer}, or {@code eeh_pf} for an entry alone
 * @param entries      the entry ids
 * @param initialState the state the scenario boots into
 * @param verdict      {@code OK} or the failure kinds joined by {@code +}
 * @param exhausted    every schedule within the bound ran
 * @param coverage     what the search covered, in one line
 * @param executions   schedules run
 * @param millis       wall time
 * @param failures     each failure kind with its shortest counterexample
 * @param lockdep      lockdep's predictions seen in any explored execution
 * @param note         how lockdep's predictions and the verdict relate, or empty
 * @param claim        what the search covered: {@code proved (all schedules)}, {@code exhausted within 2
 *                     preemptions} or {@code budget hit after 20000 executions}
 */
public record Cell(String key, List<String> entries, String initialState, String verdict, boolean exhausted,
                   String coverage, long executions, long millis, List<CellFailure> failures, List<String> lockdep,
                   String note, String claim) {
    public Cell {
        entries = List.copyOf(entries);
        failures = List.copyOf(failures);
        lockdep = List.copyOf(lockdep);
        if (claim == null) {
            // a matrix.json written before cells said what they covered: every one ran bounded
            claim = exhausted ? "exhausted within the bound" : "budget hit after " + executions + " executions";
        }
    }

    /** Every schedule ran: the verdict holds without a preemption bound. */
    public boolean proved() {
        return claim.startsWith("proved");
    }

    public boolean failed() {
        return !failures.isEmpty();
    }

    /** The failure kinds, in the order found. */
    public List<String> kinds() {
        return failures.stream().map(CellFailure::kind).toList();
    }
}
