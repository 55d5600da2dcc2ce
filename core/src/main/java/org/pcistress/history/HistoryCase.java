package org.pcistress.history;

import java.util.List;
import java.util.Set;

/**
 * One line of the history file: a real-world case on one kernel, what history says happens there,
 * and where history says it.
 *
 * @param id      the scenario's id ({@code S1}, {@code S3}, {@code W1})
 * @param entries the entry points raced, e.g. {@code [bind_pf, aer]}
 * @param profile the profile spec, e.g. {@code v4.14} or {@code v4.14+list-snapshot}
 * @param says    {@code OK}, {@code DEADLOCK}, {@code LOCKING_BUG}, {@code CORRUPTION} or one failure kind
 * @param via     kernel functions the counterexample of that kind must pass through (empty for OK)
 * @param source  the commit, report or proposal that says it, or {@code derived: …}
 * @param line    the line of the history file it came from
 */
public record HistoryCase(String id, List<String> entries, String profile, String says, List<String> via,
                          String source, int line) {
    /** The failure kinds that count as {@code CORRUPTION}: the bus list or a device's lifetime broken. */
    public static final Set<String> CORRUPTION = Set.of("DOUBLE_REMOVE", "USE_AFTER_FREE", "LIST_CORRUPTION",
            "REFCOUNT_UNDERFLOW");

    public HistoryCase {
        entries = List.copyOf(entries);
        via = List.copyOf(via);
    }

    /** {@code bind_pf+aer}. */
    public String scenario() {
        return String.join("+", entries);
    }

    /** History says no schedule fails. */
    public boolean saysOk() {
        return says.equals("OK");
    }

    /** Is {@code kind} (a failure kind the model found) what this case says? */
    public boolean accepts(String kind) {
        return says.equals(kind) || says.equals("CORRUPTION") && CORRUPTION.contains(kind);
    }

    /** {@code derived}, {@code commit}, {@code report} or {@code proposal}: the first word of the source. */
    public String sourceKind() {
        String s = source.strip();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end);
    }
}
