package org.pcistress.tools.report;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    private static final DateTimeFormatter ANT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** Ant's timestamp: date and time without a zone (here UTC), to the second. */
    public static String timestamp(Instant t) {
        return ANT.format(t);
    }

    /** This machine's host name, or "unknown". */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public long count(JunitCase.Outcome o) {
        return cases.stream().filter(c -> c.outcome() == o).count();
    }
}
