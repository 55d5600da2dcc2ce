package org.pcistress.tools.report;

import java.util.List;

/**
 * One testsuite: one matrix (a profile), or one jcstress run.
 *
 * @param name      {@code pcistress matrix v6.18}, {@code pcistress stress}
 * @param timestamp when it started, ISO-8601 to the second, without zone (as Ant writes it)
 * @param hostname  the machine
 * @param seconds   wall time
 * @param properties the command and the versions, in order
 * @param cases     the testcases
 */
public record JunitSuite(String name, String timestamp, String hostname, double seconds,
        List<String[]> properties, List<JunitCase> cases) {
    public JunitSuite {
        properties = List.copyOf(properties);
        cases = List.copyOf(cases);
    }

    public long count(JunitCase.Outcome o) {
        return cases.stream().filter(c -> c.outcome() == o).count();
    }
}
