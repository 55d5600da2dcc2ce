package org.pcistress.tools.stress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.pcistress.tools.report.FormatVersion;
import org.pcistress.tools.report.JunitXml;

/** Writes summary.json and summary.txt, each atomically (a temporary file, then a rename). */
public final class SummaryWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryWriter() {
    }

    public static void write(Path dir, RunSummary s) throws IOException {
        atomically(dir.resolve("summary.json"),
                JSON.writeValueAsString(FormatVersion.STRESS_SUMMARY.stamp(JSON.valueToTree(s))) + "\n");
        atomically(dir.resolve("summary.txt"), text(s));
        atomically(dir.resolve("junit.xml"), JunitXml.render("pcistress stress", List.of(StressJunit.suite(s))));
    }

    /** summary.txt: the result, the problems, a line per test, the known bugs per million samples. */
    public static String text(RunSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "pcistress stress: %s (exit %d)%s%n", s.result(), s.exitCode(),
                "RUNNING".equals(s.state()) ? ", still running" : ""));
        b.append(String.format(Locale.ROOT, "started %s, %.0f s of a %d s budget (plan: %d s; -iters %d -time %d)%n",
                s.started(), s.elapsedSeconds(), s.budgetSeconds(), s.estimateSeconds(), s.iterations(), s.timeMs()));
        b.append(String.format(Locale.ROOT, "tests: %d ran of %d; configurations: %d reported of %s planned%n",
                s.testsRan(), s.testsExpected(), s.configurationsReported(),
                s.plannedConfigurations() < 0 ? "?" : String.valueOf(s.plannedConfigurations())));
        if (!s.complete()) {
            b.append("INCOMPLETE: ").append(s.incompleteBecause() == null ? "still running" : s.incompleteBecause())
                    .append('\n');
        }
        b.append('\n');
        int width = 10;
        for (TestSummary t : s.tests()) {
            width = Math.max(width, t.shortName().length());
        }
        for (TestSummary t : s.tests()) {
            b.append(String.format(Locale.ROOT, "  %-13s %-" + width + "s %,14d samples  %s%n", t.verdict(),
                    t.shortName(), t.samples(), t.reason()));
        }
        if (!s.problems().isEmpty()) {
            b.append("\nproblems:\n");
            for (String p : s.problems()) {
                b.append("  ").append(p).append('\n');
            }
        }
        b.append("\nknown bugs, per million samples (each canary must show its bug every run):\n");
        boolean any = false;
        for (TestSummary t : s.tests()) {
            for (OutcomeSummary o : t.outcomes()) {
                if (t.bugIds().contains(o.id())) {
                    any = true;
                    b.append(String.format(Locale.ROOT, "  %-" + width + "s %-18s %10.1f /M  (%,d of %,d)%n",
                            t.shortName(), o.id(), o.perMillion(), o.count(), t.samples()));
                }
            }
        }
        if (!any) {
            b.append("  (no canary in this selection)\n");
        }
        return b.toString();
    }

    private static void atomically(Path target, String content) throws IOException {
        org.pcistress.tools.cli.AtomicFiles.write(target, content);
    }
}
