package org.pcistress.explore;

import java.util.Objects;
import org.pcistress.kernel.Report;

/**
 * One failure of one execution, in words: a {@link #kind()} (a {@code ReportKind} name such as
 * {@code DEADLOCK} or {@code DOUBLE_REMOVE}, or {@code EXCEPTION} for a model crash, or
 * {@code STEP_LIMIT} / {@code STALLED} when the explorer had to stop the execution), a one-line
 * title and the full text.
 *
 * @param kind  the outcome word
 * @param title one line
 * @param text  the full report (a wait-for cycle, a list_debug splat, a stack trace)
 */
public record Finding(String kind, String title, String text) {
    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** A failure the kernel model reported. */
    public static Finding of(Report r) {
        return new Finding(r.kind().name(), r.title(), r.text());
    }

    @Override
    public String toString() {
        return title;
    }
}
