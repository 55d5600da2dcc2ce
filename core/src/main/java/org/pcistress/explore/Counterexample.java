package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * A failing schedule, ready to paste into a mail: the per-task table up to the failure, the
 * reports (the wait-for cycle), and the schedule to replay it with
 * {@link Explorer#replay(Scenario, String)}.
 *
 * @param scenario    the scenario's name
 * @param kind        the first failure's outcome word ({@code DEADLOCK}, {@code DOUBLE_REMOVE}, …)
 * @param title       the first failure's one-line title
 * @param schedule    the whole schedule that ran
 * @param length      steps up to and including the one at which the failure showed
 * @param preemptions preemptions in the schedule
 * @param tasks       the task names, by explored-task index
 * @param table       the CPU0 | CPU1 | … table
 * @param findings    every failure of the execution, first first
 */
public record Counterexample(String scenario, String kind, String title, Schedule schedule, int length,
                             int preemptions, List<String> tasks, String table, List<Finding> findings) {
    public Counterexample {
        tasks = List.copyOf(tasks);
        findings = List.copyOf(findings);
    }

    static Counterexample of(String scenario, Execution e, List<Finding> findings) {
        int at = e.failureStep();
        List<String> names = e.tasks().stream().map(s -> s.task.name()).toList();
        String table = TraceTable.render(e.steps(), e.tasks(), at);
        Finding first = findings.get(0);
        return new Counterexample(scenario, first.kind(), first.title(), e.schedule(), at + 1, e.preemptions(),
                names, table, findings);
    }

    /**
     * The same execution as a counterexample of a later failure {@code kind}, which showed at step
     * {@code at} after only warnings: its findings first, the table up to that step.
     */
    static Counterexample of(String scenario, Execution e, List<Finding> findings, String kind, int at) {
        List<String> names = e.tasks().stream().map(s -> s.task.name()).toList();
        String table = TraceTable.render(e.steps(), e.tasks(), at);
        List<Finding> ordered = new ArrayList<>();
        for (Finding f : findings) {
            if (f.kind().equals(kind)) {
                ordered.add(f);
            }
        }
        for (Finding f : findings) {
            if (!f.kind().equals(kind)) {
                ordered.add(f);
            }
        }
        Finding first = ordered.get(0);
        return new Counterexample(scenario, first.kind(), first.title(), e.schedule(), at + 1, e.preemptions(),
                names, table, ordered);
    }

    /** The table, every report, and how to replay. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(title).append('\n')
                .append("scenario ").append(scenario).append(": ").append(length).append(" steps to the failure, ")
                .append(preemptions).append(preemptions == 1 ? " preemption" : " preemptions").append("\n\n")
                .append(table).append('\n');
        for (Finding f : findings) {
            b.append(f.text());
            if (!f.text().endsWith("\n")) {
                b.append('\n');
            }
            b.append('\n');
        }
        b.append("replay: Explorer.replay(scenario, \"").append(schedule.compact()).append("\")\n");
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
