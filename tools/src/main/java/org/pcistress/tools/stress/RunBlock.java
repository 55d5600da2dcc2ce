package org.pcistress.tools.stress;

import java.util.List;

/**
 * One result block of jcstress's console output: a {@code [LABEL] test.Name} line and what follows
 * it. During the run each block is one configuration (JVM args, compilation mode, fork); in the
 * final {@code RUN RESULTS} section one block per test merges all of them.
 *
 * @param label {@code OK}, {@code FAILED}, {@code ERROR}, {@code TIMEOUT}, {@code VM ERROR} or {@code SKIPPED}
 * @param test the test's name
 * @param merged {@code true} for a block of the final {@code RUN RESULTS} section
 * @param jvmArgs the {@code JVM args:} line of a per-configuration block, or {@code ""}
 * @param rows the result table, empty when jcstress printed none
 * @param messages the {@code Messages:}, {@code VM output stream:} and {@code VM error stream:} lines
 */
public record RunBlock(String label, String test, boolean merged, String jvmArgs, List<Row> rows, List<String> messages) {
    public RunBlock {
        rows = List.copyOf(rows);
        messages = List.copyOf(messages);
    }

    public long samples() {
        long n = 0;
        for (Row r : rows) {
            n += r.count();
        }
        return n;
    }
}
