package org.pcistress.tools.matrix;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pcistress.explore.matrix.Cell;
import org.pcistress.explore.matrix.CellFailure;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.report.BuildInfo;
import org.pcistress.tools.report.JunitCase;
import org.pcistress.tools.report.JunitSuite;
import org.pcistress.tools.report.KnownFinding;
import org.pcistress.tools.report.KnownFindings;

/**
 * A matrix as a JUnit testsuite: one testcase per cell, judged against docs/FINDINGS.md. A failing
 * cell the triage lists for the profile passes (its verdict and the FINDINGS anchor in system-out);
 * a failing cell it does not list is a failure ("new"), and so is a cell that got worse since an
 * earlier run ({@code worse}: key to a one-line reason), with the counterexample as its text.
 */
public final class MatrixJunit {
    private MatrixJunit() {
    }

    public static JunitSuite suite(MatrixResult m, String command, Instant started, KnownFindings known,
                                   Map<String, String> worse) {
        String classname = "pcistress.matrix." + m.spec().replace('.', '_');
        List<JunitCase> cases = new ArrayList<>();
        for (Cell c : m.cells()) {
            double seconds = c.millis() / 1000.0;
            List<KnownFinding> why = known.explain(m.spec(), c.key());
            String regression = worse.get(c.key());
            if (!c.failed() && regression == null) {
                cases.add(JunitCase.passed(classname, c.key(), seconds, c.verdict() + ", " + c.coverage()));
            } else if (regression == null && !why.isEmpty()) {
                cases.add(JunitCase.passed(classname, c.key(), seconds, c.verdict() + ": known, docs/FINDINGS.md "
                        + why.stream().map(f -> "#" + f.id() + " (" + f.group() + ", " + f.klass() + ")")
                                .collect(Collectors.joining(", ")) + "\n\n" + counterexamples(c)));
            } else {
                String message = regression != null ? regression
                        : "new: " + c.verdict() + (known.triaged(m.spec()) ? ", not in docs/FINDINGS.md for "
                                : ", docs/FINDINGS.md has no triage for ") + m.spec();
                cases.add(new JunitCase(classname, c.key(), seconds, JunitCase.Outcome.FAILURE, message,
                        c.failed() ? c.verdict() : "OK", counterexamples(c)));
            }
        }
        BuildInfo b = BuildInfo.current();
        return new JunitSuite("pcistress matrix " + m.spec(), JunitSuite.timestamp(started), JunitSuite.host(), m.millis() / 1000.0,
                List.of(new String[] {"command", command}, new String[] {"pcistress", b.versionAndCommit()},
                        new String[] {"jdk", BuildInfo.jdk()}, new String[] {"bound", m.bound()}),
                cases);
    }

    private static String counterexamples(Cell c) {
        return c.failures().stream().map(CellFailure::text).collect(Collectors.joining("\n"));
    }
}
