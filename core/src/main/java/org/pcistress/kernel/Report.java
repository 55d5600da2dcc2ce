package org.pcistress.kernel;

import java.util.List;

/**
 * One finding, in the words the kernel would print it: a one-line {@link #title()} and the full
 * {@link #text()} (the lockdep splat, the hung-task dump, the list_debug BUG).
 *
 * @param kind what was found
 * @param title one line, e.g. {@code "DEADLOCK: aer_isr ⇄ bind_store (pci_bus_sem, &dev->mutex/PF)"}
 * @param text the full report, multi-line
 * @param tasks the names of the tasks involved, in report order
 */
public record Report(ReportKind kind, String title, String text, List<String> tasks) {
    public Report {
        tasks = List.copyOf(tasks);
    }

    @Override
    public String toString() {
        return text;
    }
}
