package org.pcistress.explore.matrix;

import java.util.List;
import org.pcistress.explore.Counterexample;

/**
 * A failure kind found in a cell, with its shortest counterexample, in plain data for JSON.
 *
 * @param kind        the outcome word
 * @param title       the first report's title
 * @param schedule    the compact schedule to replay
 * @param length      steps to the failure
 * @param preemptions preemptions in the schedule
 * @param tasks       task names, by column
 * @param table       the CPU0 | CPU1 | … table
 * @param text        table, reports and replay hint
 */
public record CellFailure(String kind, String title, String schedule, int length, int preemptions,
                          List<String> tasks, String table, String text) {
    public CellFailure {
        tasks = List.copyOf(tasks);
    }

    static CellFailure of(Counterexample c) {
        return new CellFailure(c.kind(), c.title(), c.schedule().compact(), c.length(), c.preemptions(), c.tasks(),
                c.table(), c.text());
    }
}
