package org.pcistress.model.entry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/**
 * What one run found: every report, the kinds, and {@link #outcome()}: one word, the most severe
 * failure, or {@code OK}. Lockdep's {@code LOCKDEP_*} kinds are predictions: they are listed in
 * {@link #lockdep()} and never decide the outcome.
 */
public record Verdict(List<Report> reports) {
    /** Most severe first: the order {@link #outcome()} picks from. */
    public static final List<ReportKind> SEVERITY = List.of(ReportKind.DEADLOCK, ReportKind.HUNG_TASK,
            ReportKind.DOUBLE_REMOVE, ReportKind.USE_AFTER_FREE, ReportKind.REFCOUNT_UNDERFLOW,
            ReportKind.LIST_CORRUPTION, ReportKind.VF_LEAKED, ReportKind.MISSED_BROADCAST,
            ReportKind.UNLOCKED_CALLBACK, ReportKind.LOCKING_BUG);

    public Verdict {
        reports = List.copyOf(reports);
    }

    /** Every kind found, predictions included. */
    public Set<ReportKind> kinds() {
        EnumSet<ReportKind> s = EnumSet.noneOf(ReportKind.class);
        for (Report r : reports) {
            s.add(r.kind());
        }
        return s;
    }

    /** The failure kinds found. */
    public Set<ReportKind> failures() {
        EnumSet<ReportKind> s = EnumSet.noneOf(ReportKind.class);
        for (Report r : reports) {
            if (r.kind().isFailure()) {
                s.add(r.kind());
            }
        }
        return s;
    }

    /** The lockdep predictions found ({@code LOCKDEP_CIRCULAR}, {@code LOCKDEP_RECURSIVE}). */
    public Set<ReportKind> lockdep() {
        EnumSet<ReportKind> s = EnumSet.noneOf(ReportKind.class);
        for (Report r : reports) {
            if (!r.kind().isFailure()) {
                s.add(r.kind());
            }
        }
        return s;
    }

    /** The most severe failure's name, or {@code "OK"}. */
    public String outcome() {
        Set<ReportKind> f = failures();
        for (ReportKind k : SEVERITY) {
            if (f.contains(k)) {
                return k.name();
            }
        }
        return f.isEmpty() ? "OK" : f.iterator().next().name();
    }

    public boolean ok() {
        return failures().isEmpty();
    }

    public boolean has(ReportKind k) {
        return kinds().contains(k);
    }

    public List<Report> reports(ReportKind k) {
        List<Report> out = new ArrayList<>();
        for (Report r : reports) {
            if (r.kind() == k) {
                out.add(r);
            }
        }
        return out;
    }

    /** The outcome and one title per report. */
    public String summary() {
        StringBuilder b = new StringBuilder(outcome());
        for (Report r : reports) {
            b.append("\n  ").append(r.title());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
