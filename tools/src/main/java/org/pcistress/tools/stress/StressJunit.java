package org.pcistress.tools.stress;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pcistress.tools.report.BuildInfo;
import org.pcistress.tools.report.JunitCase;
import org.pcistress.tools.report.JunitSuite;

/**
 * A jcstress run as a JUnit testsuite: one testcase per test variant. A FORBIDDEN outcome or a
 * silent canary is a failure, a timeout, an error or a test that never reported is an error (the
 * harness), with the outcome table (counts, expectation, rate per million) as the text.
 */
public final class StressJunit {
    private StressJunit() {
    }

    public static JunitSuite suite(RunSummary s) {
        List<JunitCase> cases = new ArrayList<>();
        for (TestSummary t : s.tests()) {
            int dot = t.name().lastIndexOf('.');
            String classname = dot < 0 ? "pcistress.stress" : t.name().substring(0, dot);
            String name = dot < 0 ? t.name() : t.name().substring(dot + 1);
            String table = table(t);
            JunitCase.Outcome outcome = t.verdict().regression() ? JunitCase.Outcome.FAILURE
                    : t.verdict().harness() ? JunitCase.Outcome.ERROR : JunitCase.Outcome.PASSED;
            cases.add(outcome == JunitCase.Outcome.PASSED ? JunitCase.passed(classname, name, 0, table)
                    : new JunitCase(classname, name, 0, outcome, t.verdict() + ": " + t.reason(),
                            t.verdict().name(), table));
        }
        BuildInfo b = BuildInfo.current();
        return new JunitSuite("pcistress stress", JunitSuite.timestamp(instant(s.started())), JunitSuite.host(),
                s.elapsedSeconds(),
                List.of(new String[] {"command", String.join(" ", s.command())},
                        new String[] {"pcistress", b.versionAndCommit()}, new String[] {"jcstress", b.jcstress()},
                        new String[] {"jdk", BuildInfo.jdk()}, new String[] {"result", s.result()}),
                cases);
    }

    /** The outcome table: every declared or observed outcome with its count. */
    static String table(TestSummary t) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s, %,d samples: %s%n%n", t.verdict(),
                t.samples(), t.reason()));
        b.append(String.format(Locale.ROOT, "%-24s %14s  %-22s %12s%n", "outcome", "samples", "expect", "per million"));
        for (OutcomeSummary o : t.outcomes()) {
            b.append(String.format(Locale.ROOT, "%-24s %,14d  %-22s %12.1f%n", o.id(), o.count(), o.expect(),
                    o.perMillion()));
        }
        t.messages().forEach(m -> b.append(m).append('\n'));
        return b.toString();
    }

    private static Instant instant(String iso) {
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            return Instant.EPOCH;
        }
    }
}
