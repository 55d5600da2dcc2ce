package org.pcistress.tools.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.explore.matrix.Cell;
import org.pcistress.explore.matrix.CellFailure;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.bench.Machine;
import org.pcistress.tools.matrix.MatrixJunit;
import org.pcistress.tools.report.BuildInfo;
import org.pcistress.tools.report.GitHubActions;
import org.pcistress.tools.report.JunitXml;
import org.pcistress.tools.report.JunitXmlTest;
import org.pcistress.tools.report.KnownFindings;

/** The report's first screen (index.html, summary.md, job.json) says what it knows, on a first run too. */
class ReportPagesTest {
    private static final Instant T0 = Instant.parse("2026-11-30T01:17:10.586810379Z");
    private static final RunFacts FACTS = new RunFacts(new BuildInfo("0.1.0-SNAPSHOT", "0123456789ab", true, "0.16",
            "1.37"), "Java 17.0.15 (Debian)", new Machine(2, "23.5 GiB", "AMD EPYC 7B13", "Linux 6.1 amd64"));

    @TempDir
    Path tmp;

    private JobReport report(Optional<Path> previous, StepResult matrix) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("reports/2026-11-30T0117Z"));
        JobPlan plan = new JobPlan(List.of(Specs.CURRENT.parse("v6.18"), Specs.CURRENT.parse("v7.0")),
                List.of("list-snapshot"), Duration.ofMinutes(15), tmp.resolve("reports"), Optional.empty(), Set.of(),
                Optional.empty());
        StepState m = new StepState("matrix");
        m.finished(matrix, Duration.ofSeconds(130), false);
        StepState s = new StepState("stress");
        s.skipped();
        JobReport r = new JobReport(dir, plan, T0, previous, List.of(m, s), FACTS);
        r.finish(T0.plusSeconds(936), ExitCodes.combine(matrix.code()));
        return r;
    }

    private static StepResult matrixNews() {
        return new StepResult(ExitCodes.OK, "v6.18 64/119 failing", List.of(),
                List.of("v7.0: fixes 9 cell(s) of v6.18, introduces a failure in 56",
                        "v7.0+list-snapshot: fixes 8 cell(s), introduces a failure in 0"),
                List.of(new StepResult.Link("diffs", "matrix/diffs.html")));
    }

    @Test
    void aFirstReportShowsTheFindingsAndSaysNothingWasCompared() throws IOException {
        JobReport r = report(Optional.empty(), matrixNews());
        String html = Files.readString(r.dir().resolve("index.html"));
        assertTrue(html.contains("OK, not compared: no previous report"), html);
        assertFalse(html.contains("OK: nothing regressed"), "no vacuous OK");
        assertTrue(html.contains("The model&#39;s findings") || html.contains("The model's findings"), html);
        assertTrue(html.contains("v7.0: fixes 9 cell(s) of v6.18, introduces a failure in 56"), "news on a first run");
        assertTrue(html.contains("commit <code>0123456789ab</code> with uncommitted changes"), "the commit");
        assertTrue(html.contains("Java 17.0.15 (Debian)") && html.contains("AMD EPYC 7B13"), "the JDK and the machine");
        assertTrue(html.contains("started 2026-11-30T01:17:10Z, finished 2026-11-30T01:32:46Z"), "times to the second");
        assertFalse(html.contains(".586810379"), "no nanoseconds");
        int verdict = html.indexOf("not compared");
        int facts = html.indexOf("0123456789ab");
        int news = html.indexOf("introduces a failure in 56");
        int steps = html.indexOf("<h2>Steps</h2>");
        assertTrue(verdict < facts && facts < news && news < steps, "verdict, provenance and news come before the steps");

        JsonNode job = JobReport.JSON.readTree(r.dir().resolve("job.json").toFile());
        assertEquals("pcistress.job/1.2", job.get("schema").asText());
        assertEquals("schema", job.fieldNames().next(), "the version comes first");
        assertEquals("2026-11-30T01:17:10Z", job.get("started").asText());
        assertEquals("0123456789ab", job.get("build").get("commit").asText());
        assertTrue(job.get("build").get("dirty").asBoolean());
        assertEquals("Java 17.0.15 (Debian)", job.get("jdk").asText());
        assertEquals(2, job.get("machine").get("cores").asInt());

        String md = Files.readString(r.dir().resolve("summary.md"));
        assertTrue(md.startsWith("## pcistress 2026-11-30T0117Z: OK, not compared"), md);
        assertTrue(md.contains("0123456789ab") && md.contains("Java 17.0.15") && md.contains("AMD EPYC 7B13"), md);
        assertTrue(md.contains("Compared with: nothing (no previous report)"), md);
        assertTrue(md.contains("- matrix: v7.0: fixes 9 cell(s) of v6.18, introduces a failure in 56"), md);
    }

    @Test
    void aComparedReportNamesItsBaselineAndItsRegressions() throws IOException {
        Path prev = Files.createDirectories(tmp.resolve("reports/2026-11-29T0217Z"));
        StepResult worse = new StepResult(ExitCodes.REGRESSION, "v6.18 65/119 failing",
                List.of("v6.18 bind_pf+aer: OK -> DEADLOCK"), List.of(), List.of());
        JobReport r = report(Optional.of(prev), worse);
        Files.createDirectories(r.dir().resolve("matrix"));
        Files.writeString(r.dir().resolve("matrix/diffs.md"), "# Matrix diffs\n\n## Since the previous report\n\n```\nv6.18 -> v6.18: 1 introduced\n```\n");
        r.write();
        String html = Files.readString(r.dir().resolve("index.html"));
        assertTrue(html.contains("REGRESSION (exit 1)"), html);
        assertTrue(html.contains("href=\"../2026-11-29T0217Z/index.html\""), "links the report it compared with");
        assertTrue(html.contains("matrix: v6.18 bind_pf+aer: OK -&gt; DEADLOCK"), html);
        String md = Files.readString(r.dir().resolve("summary.md"));
        assertTrue(md.contains("REGRESSION (exit 1)") && md.contains("Compared with: `2026-11-29T0217Z`"), md);
        assertTrue(md.contains("### What regressed or failed\n\n- matrix: v6.18 bind_pf+aer: OK -> DEADLOCK"), md);
        assertTrue(md.contains("<details><summary>Matrix diffs") && md.contains("v6.18 -> v6.18: 1 introduced"), md);
    }

    @Test
    void underGitHubActionsEachStepsLinesAreFoldedAndRegressionsAnnotated() {
        StringWriter w = new StringWriter();
        Progress p = new Progress(new PrintWriter(w), Clock.fixed(T0, ZoneOffset.UTC), new GitHubActions(true, new PrintWriter(w)));
        p.step("matrix", "matrix --profile v6.18 (1/2)");
        p.sub("matrix", "[  1/119] bind_pf OK");
        p.sub("matrix", "[  2/119] unbind_pf OK");
        p.step("matrix", "matrix --profile v6.19 (2/2)");
        p.sub("matrix", "[  1/119] bind_pf OK");
        p.step("matrix", "ok");
        p.annotate("pcistress: regressed or failed", List.of("matrix: v6.18 bind_pf+aer: OK -> DEADLOCK"));
        List<String> lines = w.toString().lines().toList();
        assertEquals(List.of(
                "[      0s] matrix: matrix --profile v6.18 (1/2)",
                "::group::matrix: matrix --profile v6.18 (1/2)",
                "[      0s]   matrix | [  1/119] bind_pf OK",
                "[      0s]   matrix | [  2/119] unbind_pf OK",
                "::endgroup::",
                "[      0s] matrix: matrix --profile v6.19 (2/2)",
                "::group::matrix: matrix --profile v6.19 (2/2)",
                "[      0s]   matrix | [  1/119] bind_pf OK",
                "::endgroup::",
                "[      0s] matrix: ok",
                "::error title=pcistress%3A regressed or failed::matrix: v6.18 bind_pf+aer: OK -> DEADLOCK"), lines);

        StringWriter plain = new StringWriter();
        Progress off = new Progress(new PrintWriter(plain), Clock.fixed(T0, ZoneOffset.UTC),
                new GitHubActions(false, new PrintWriter(plain)));
        off.step("matrix", "x");
        off.sub("matrix", "y");
        off.annotate("t", List.of("z"));
        assertFalse(plain.toString().contains("::"), plain.toString());
    }

    private static MatrixResult matrix() {
        CellFailure dl = new CellFailure("DEADLOCK", "DEADLOCK: a ⇄ b", "0x11", 8, 0, List.of("bind_store", "aerdrv"),
                "step | CPU0 | CPU1", "step | CPU0 | CPU1\n  1 | mutex_lock(&dev->mutex) <-- sleeps");
        Cell ok = new Cell("bind_pf", List.of("bind_pf"), "boot", "OK", true, "exhausted", 9, 12, List.of(), List.of(), "",
                "exhausted within 2 preemptions");
        Cell known = new Cell("bind_pf+aer", List.of("bind_pf", "aer"), "boot", "DEADLOCK", true, "exhausted", 90, 120,
                List.of(dl), List.of(), "", "exhausted within 2 preemptions");
        Cell fresh = new Cell("bind_pf+rescan", List.of("bind_pf", "rescan"), "boot", "DEADLOCK", true, "exhausted", 70,
                80, List.of(dl), List.of(), "", "exhausted within 2 preemptions");
        return new MatrixResult("v6.18", "2 preemptions", List.of(new Entry("bind_pf", "bind"), new Entry("aer", "AER"),
                new Entry("rescan", "rescan")), List.of(ok, known, fresh), 212);
    }

    private static KnownFindings findings() throws IOException {
        String md = "## v6.18\n| <a id=\"v6.18-s1\"></a>S1 AER against SR-IOV | (a) known | 1: `bind_pf+aer` | 2017 |\n";
        return KnownFindings.parse(new ByteArrayInputStream(md.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void failingCellsAreSortedIntoKnownFindingsAndNewOnes() throws Exception {
        MatrixTriage.Row row = MatrixTriage.row(matrix(), findings());
        assertEquals(2, row.failing());
        assertEquals("v6.18-s1", row.known().get(0).id());
        assertEquals(List.of("bind_pf+aer"), row.known().get(0).cells());
        assertEquals(List.of("bind_pf+rescan"), row.unknown());

        JobReport r = report(Optional.empty(), matrixNews());
        new MatrixTriage(List.of(row)).write(Files.createDirectories(r.dir().resolve("matrix")).resolve(MatrixTriage.FILE));
        r.write();
        String html = Files.readString(r.dir().resolve("index.html"));
        assertTrue(html.contains("#v6.18-s1\" title=\"S1 AER against SR-IOV ((a) known): bind_pf+aer\">s1</a>&nbsp;&times;1"), html);
        assertTrue(html.contains("<strong>1</strong>: <code>bind_pf+rescan</code>"), html);
        assertTrue(html.indexOf("bind_pf+rescan") < html.indexOf("<h2>Steps</h2>"), "on the first screen");
        String md = Files.readString(r.dir().resolve("summary.md"));
        assertTrue(md.contains("| v6.18 | 2/3 | `v6.18-s1` ×1 | **1**: `bind_pf+rescan` |"), md);

        String xml = JunitXml.render("pcistress matrix", List.of(MatrixJunit.suite(matrix(), "pcistress matrix --profile v6.18",
                T0, findings(), Map.of("bind_pf", "worse since 2026-11-29T0217Z: bind_pf: DEADLOCK -> OK"))));
        JunitXmlTest.validate(xml);
        var doc = JunitXmlTest.parse(xml);
        var failures = doc.getElementsByTagName("failure");
        assertEquals(2, failures.getLength(), xml);
        String text = xml.replace("&gt;", ">");
        assertTrue(text.contains("message=\"new: DEADLOCK, not in docs/FINDINGS.md for v6.18\""), xml);
        assertTrue(text.contains("message=\"worse since 2026-11-29T0217Z: bind_pf: DEADLOCK -> OK\""), xml);
        assertTrue(xml.contains("mutex_lock(&amp;dev-&gt;mutex) &lt;-- sleeps"), "the counterexample is the failure's text");
        assertTrue(xml.contains("DEADLOCK: known, docs/FINDINGS.md #v6.18-s1"), "a known one passes and says why");
        assertTrue(xml.contains("timestamp=\"2026-11-30T01:17:10\""), xml);
    }

    @Test
    void diffsAreAPageAndMatrixPagesLinkBack() throws Exception {
        String html = MatrixPages.diffsHtml("# Matrix diffs\n\n## Along the version line\n\n```\nv6.18 -> v6.19: <none>\n```\n");
        assertTrue(html.contains("<h2>Along the version line</h2>") && html.contains("<pre>v6.18 -&gt; v6.19: &lt;none&gt;\n</pre>"), html);
        assertTrue(html.contains("href=\"../index.html\""), "back to the index");
        Path page = tmp.resolve("matrix.html");
        Files.writeString(page, "<html><body>\n<h1>m</h1></body></html>");
        MatrixPages.addBackLinks(page, MatrixTriage.row(matrix(), findings()));
        MatrixPages.addBackLinks(page, MatrixTriage.row(matrix(), findings()));
        String linked = Files.readString(page);
        assertEquals(linked.indexOf(MatrixPages.NAV), linked.lastIndexOf(MatrixPages.NAV), "once");
        assertTrue(linked.contains("href=\"../../index.html\"") && linked.contains("href=\"../diffs.html\""), linked);
        assertTrue(linked.contains("#v6.18-s1\" title=\"S1 AER against SR-IOV ((a) known)\">v6.18-s1</a> &times;1"), linked);
        assertTrue(linked.contains("<a href=\"#cell-bind_pf-rescan\"><strong>bind_pf+rescan</strong></a>"), linked);
    }
}
