package org.pcistress.tools.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.Main;
import picocli.CommandLine;

/**
 * Only a complete report is a baseline (review D1): a run in progress, an interrupted one, one whose
 * process died, are skipped and named; what the run cannot compare is a coverage failure, not news.
 * The matrix step is the real one, against a fake {@code matrix} command whose verdicts the test sets.
 */
class BaselineTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** What the fake matrix command answers for bind_pf+aer. */
    private String verdict = "OK";

    private int run(String... args) {
        FakeCli cli = new FakeCli().on("matrix", (a, dir) -> {
            String spec = a.get(a.indexOf("--profile") + 1);
            FakeCli.write(dir.resolve("matrix.json"), FakeCli.matrix(spec, "bind_pf+aer", verdict, "remove_pf", "OK"));
            return ExitCodes.OK;
        });
        Clock clock = Clock.fixed(Instant.parse("2026-11-21T15:42:07Z"), ZoneOffset.UTC);
        CommandLine cl = Main.configure(new CommandLine(new RunCommand(List.of(new MatrixStep(cli)), Specs.CURRENT, clock)));
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--out", tmp.resolve("reports").toString(), "--budget", "10m"));
        all.addAll(List.of(args));
        return cl.execute(all.toArray(String[]::new));
    }

    private List<Path> reports() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("reports"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private JsonNode last() throws IOException {
        return JobReport.JSON.readTree(reports().get(reports().size() - 1).resolve("job.json").toFile());
    }

    /** Rewrites a finished report's job.json as a job stopped in its matrix step would have left it. */
    private static void leaveAs(Path report, String state) throws IOException {
        Path f = report.resolve("job.json");
        String json = Files.readString(f).replace("\"state\" : \"COMPLETE\"", "\"state\" : \"" + state + "\"")
                .replace("\"status\" : \"DONE\"", "\"status\" : \"RUNNING\"");
        Files.writeString(f, json);
    }

    @Test
    void aRegressionIsFoundAgainstTheLastCompleteReportWhateverBrokeInBetween() throws IOException {
        String[] plan = {"--profiles", "v7.0", "--fixes", "none"};
        assertEquals(ExitCodes.OK, run(plan));
        Path clean = reports().get(0);
        assertEquals("COMPLETE", last().get("state").asText());
        assertFalse(Files.exists(clean.resolve(ReportLock.FILE)), "a finished job leaves no lock");

        verdict = "DEADLOCK"; // the lock change under test breaks the cell
        assertEquals(ExitCodes.REGRESSION, run(plan));
        leaveAs(reports().get(1), "INTERRUPTED");     // Ctrl-C during its matrix
        assertEquals(ExitCodes.REGRESSION, run(plan));
        leaveAs(reports().get(2), "RUNNING");         // SIGKILL: nobody holds its lock
        try (ReportLock held = ReportLock.acquire(Files.createDirectories(tmp.resolve("reports/2026-11-21T1542Z-4")))) {
            Files.writeString(tmp.resolve("reports/2026-11-21T1542Z-4/job.json"),
                    Files.readString(reports().get(2).resolve("job.json")));
            out.getBuffer().setLength(0);
            assertEquals(ExitCodes.REGRESSION, run(plan));
        }
        JsonNode r = last();
        assertEquals(clean.toString(), r.get("previous").asText(), "compared with the clean report");
        List<String> skipped = new ArrayList<>();
        r.get("previousSkipped").forEach(n -> skipped.add(n.asText()));
        assertEquals(3, skipped.size(), skipped::toString);
        assertTrue(skipped.get(0).startsWith("2026-11-21T1542Z-4: still running (pid "), skipped::toString);
        assertTrue(skipped.get(1).startsWith("2026-11-21T1542Z-3: unfinished during matrix: its process"),
                skipped::toString);
        assertTrue(skipped.get(2).startsWith("2026-11-21T1542Z-2: interrupted"), skipped::toString);
        assertTrue(out.toString().contains("comparing with " + clean + " (the newest complete report)"), out.toString());
        assertTrue(out.toString().contains("not a baseline: 2026-11-21T1542Z-2: interrupted"), out.toString());
        String index = Files.readString(reports().get(reports().size() - 1).resolve("index.html"));
        assertTrue(index.contains("v7.0 bind_pf+aer: OK -&gt; DEADLOCK"), index);
        assertTrue(index.contains("Newer reports not used as the baseline"), index);
    }

    @Test
    void aRedReportIsNeverTheBaselineSoARegressionStaysRedUntilFixed() throws IOException {
        String[] plan = {"--profiles", "v7.0", "--fixes", "none"};
        assertEquals(ExitCodes.OK, run(plan));
        Path green = reports().get(0);
        verdict = "DEADLOCK";
        assertEquals(ExitCodes.REGRESSION, run(plan));
        assertEquals(ExitCodes.REGRESSION, run(plan), "still red: compared with the green report, not the red one");
        JsonNode r = last();
        assertEquals(green.toString(), r.get("previous").asText());
        assertTrue(r.get("previousSkipped").get(0).asText().endsWith(
                "red: it exited 1 (REGRESSION); only a green report is a baseline"), r.toString());
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run(concat(plan, "--baseline", reports().get(1).toString())));
        assertTrue(err.toString().contains("is not a complete, green report: red: it exited 1"), err.toString());
    }

    @Test
    void aSpecInTheBaselineThatThisRunLacksIsACoverageFailure() throws IOException {
        assertEquals(ExitCodes.OK, run("--profiles", "v4.14,v7.0", "--fixes", "none"));
        assertEquals(ExitCodes.HARNESS, run("--profiles", "v7.0", "--fixes", "none"));
        JsonNode matrix = last().get("steps").get(0);
        assertEquals("v4.14: in the previous report, not run now (coverage lost; --baseline picks another report to"
                + " compare with)", matrix.get("regressions").get(0).asText(), matrix.toString());
    }

    @Test
    void aBaselineMatrixThatDoesNotReadIsACoverageFailureOrBadInputWhenNamed() throws IOException {
        String[] plan = {"--profiles", "v7.0", "--fixes", "none"};
        assertEquals(ExitCodes.OK, run(plan));
        Path clean = reports().get(0);
        Path m = clean.resolve("matrix/v7.0/matrix.json");
        Files.writeString(m, Files.readString(m).substring(0, 100));
        assertEquals(ExitCodes.HARNESS, run(plan));
        assertTrue(last().get("steps").get(0).get("regressions").get(0).asText()
                .startsWith("v7.0: not compared with the previous report, its matrix does not read"));
        int before = reports().size();
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run(concat(plan, "--baseline", clean.toString())));
        assertTrue(err.toString().contains("--baseline: " + clean + " is corrupt: "), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertEquals(before, reports().size(), "nothing written");
    }

    @Test
    void anIncompleteReportNamedAsBaselineIsBadInput() throws IOException {
        assertEquals(ExitCodes.OK, run("--profiles", "v7.0", "--fixes", "none"));
        leaveAs(reports().get(0), "INTERRUPTED");
        assertEquals(ExitCodes.USAGE, run("--profiles", "v7.0", "--fixes", "none", "--baseline",
                reports().get(0).toString()));
        assertTrue(err.toString().contains("is not a complete, green report: interrupted"), err.toString());
    }

    @Test
    void aCellTheBaselineHasAndThisRunLacksIsACoverageFailure() throws IOException {
        String[] plan = {"--profiles", "v7.0", "--fixes", "none"};
        assertEquals(ExitCodes.OK, run(plan));
        Path m = reports().get(0).resolve("matrix/v7.0/matrix.json");
        Files.writeString(m, Files.readString(m).replace("\"key\":\"remove_pf\"", "\"key\":\"eeh_pf\""));
        assertEquals(ExitCodes.HARNESS, run(plan));
        assertTrue(last().get("steps").get(0).get("regressions").toString()
                .contains("v7.0 eeh_pf: in the previous report, not in this run (coverage lost)"));
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
