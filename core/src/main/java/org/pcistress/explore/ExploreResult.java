package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a search found, and how much it covered. {@link #exhausted()} is the only claim of a proof:
 * every schedule within the bound ran. A search that stopped at its first failure or ran out of
 * budget says so in {@link #stopReason()}.
 *
 * @param scenario        the scenario's name
 * @param options         the options it ran with
 * @param executions      schedules run (including those the reduction cut short)
 * @param covered         executions cut short because an equivalent one was explored (DPOR's sleep sets)
 * @param failing         executions that failed
 * @param elapsedNanos    wall time
 * @param exhausted       every schedule within the bound ran
 * @param stopReason      {@code null} when exhausted; else "first failure", "time budget" or "execution budget"
 * @param boundReached    the largest preemption bound searched (iterative searches start at 0); -1 unbounded
 * @param counterexamples the shortest counterexample of each failure kind, in the order found
 * @param predictions     lockdep's reports (possible deadlocks, not failures) seen in any execution, by title
 */
public record ExploreResult(String scenario, ExploreOptions options, long executions, long covered, long failing,
                            long elapsedNanos, boolean exhausted, String stopReason, int boundReached,
                            Map<String, Counterexample> counterexamples, List<String> predictions) {
    public ExploreResult {
        counterexamples = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counterexamples));
        predictions = List.copyOf(predictions);
    }

    public boolean failed() {
        return !counterexamples.isEmpty();
    }

    /** {@code OK}, or the failure kinds found: {@code DEADLOCK}, {@code DEADLOCK+DOUBLE_REMOVE}. */
    public String verdict() {
        return failed() ? String.join("+", counterexamples.keySet()) : "OK";
    }

    /** The shortest counterexample of any kind, or {@code null}. */
    public Counterexample shortest() {
        Counterexample best = null;
        for (Counterexample c : counterexamples.values()) {
            if (best == null || c.length() < best.length()) {
                best = c;
            }
        }
        return best;
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double executionsPerSecond() {
        return elapsedNanos == 0 ? 0 : executions / seconds();
    }

    /**
     * Every schedule ran (DPOR: one of every class of schedules equivalent up to reordering
     * independent steps, which reach the same failures and final state) and none failed: a proof
     * without a bound.
     */
    public boolean proved() {
        return exhausted && boundReached < 0 && !failed();
    }

    /**
     * What the search covered, in a few words: {@code proved (all schedules)}, {@code exhausted
     * within 2 preemptions}, {@code budget hit after 20000 executions} or {@code stopped at the first
     * failure}. "proved" is said of a finished search without a bound, failing or not: every
     * schedule ran, or with DPOR one of every class of equivalent schedules (sound because the model
     * declares every piece of state its steps share outside locks: docs/EXPLORER.md).
     */
    public String claim() {
        if (exhausted && boundReached < 0) {
            return "proved (all schedules)";
        }
        if (exhausted) {
            return "exhausted within " + boundReached + " preemption" + (boundReached == 1 ? "" : "s");
        }
        if ("first failure".equals(stopReason)) {
            return "stopped at the first failure";
        }
        return "budget hit after " + executions + " executions";
    }

    /** What this result proves, in one line. */
    public String coverage() {
        String bound = boundReached < 0 ? options.boundText()
                : "\u2264" + boundReached + " preemption" + (boundReached == 1 ? "" : "s");
        if (exhausted && boundReached < 0 && options.dpor()) {
            return "exhausted: one schedule of every class of equivalent ones ran (DPOR; " + executions + " executions"
                    + (covered > 0 ? ", " + covered + " ended early as covered" : "") + ")"
                    + (failed() ? "" : ": no failure, proved for all schedules");
        }
        if (exhausted && boundReached < 0) {
            return "exhausted: every schedule ran (" + executions + " executions)"
                    + (failed() ? "" : ": no failure, proved for all schedules");
        }
        if (exhausted && options.dpor()) {
            return "exhausted: one schedule of every class with a schedule within " + bound + " ran (bounded DPOR; "
                    + executions + " executions)" + (failed() ? "" : ": no failure within the bound");
        }
        if (exhausted) {
            return "exhausted: every schedule with " + bound + " ran (" + executions + " executions)"
                    + (failed() ? "" : ": no failure, a proof for this bound");
        }
        return "not exhausted: stopped at the " + stopReason + " after " + executions + " executions with "
                + bound + (failed() ? "" : ": NOT a proof");
    }

    /** One paragraph: verdict, coverage, speed, the shortest counterexamples. */
    public String summary() {
        List<String> lines = new ArrayList<>();
        lines.add(scenario + ": " + verdict());
        lines.add("  " + coverage());
        lines.add(String.format(java.util.Locale.ROOT, "  %.2f s, %.0f executions/s", seconds(), executionsPerSecond()));
        for (String p : predictions) {
            lines.add("  lockdep: " + p);
        }
        for (Counterexample c : counterexamples.values()) {
            lines.add("  " + c.kind() + ": " + c.length() + " steps, " + c.preemptions() + " preemption(s), schedule "
                    + c.schedule().compact());
        }
        return String.join("\n", lines) + "\n";
    }

    @Override
    public String toString() {
        return summary();
    }
}
