package org.pcistress.tools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The renderers on a real capture: LockingBench_01 run with {@code -bm avgt,sample -p
 * checking=jdk,detector -prof gc} (1 fork, 1 × 500 ms warm-up, 2 × 500 ms measurement).
 */
class ReportRenderTest {
    private static final Machine MACHINE = new Machine(2, "23.4 GiB", "Test CPU @ 2.0GHz", "Linux 6.1 amd64");

    @TempDir
    Path dir;

    static List<JmhResult> capture(String name) throws IOException, URISyntaxException {
        return JmhJson.read(Path.of(ReportRenderTest.class.getResource(name).toURI()));
    }

    private static ReportData data() throws IOException, URISyntaxException {
        RunInfo run = new RunInfo("quick", "pcistress bench --quick --include LockingBench_01",
                List.of("java", "-jar", "benchmarks.jar", "LockingBench_01"), MACHINE, "2025-11-21T15:40:00Z", 42,
                List.of("org.pcistress.bench.X.y (n = 3)"), null);
        return new ReportData(capture("locking-01-avgt-sample-gc.json"), run);
    }

    @Test
    void theCaptureParses() throws IOException, URISyntaxException {
        List<JmhResult> rs = capture("locking-01-avgt-sample-gc.json");
        assertEquals(6, rs.size());
        assertEquals(3, rs.stream().filter(r -> r.mode().equals("sample")).count());
        assertTrue(rs.stream().allMatch(r -> r.allocationPerOp() != null));
        assertEquals("17.0.15+6-Debian-1deb12u1", rs.get(0).vm().vmVersion());
    }

    @Test
    void markdownHasEveryResultWithItsErrorRatioAndHeader() throws IOException, URISyntaxException {
        ReportData data = data();
        String md = MarkdownReport.render(data);
        for (JmhResult r : data.results) {
            String cell = "| " + Fmt.scoreWithError(r.primary().score(), r.primary().error()) + " |";
            assertTrue(md.contains(cell), cell);
        }
        assertTrue(md.contains("| Machine | 2 cores, 23.4 GiB, Test CPU @ 2.0GHz, Linux 6.1 amd64 |"), md);
        assertTrue(md.contains("17.0.15+6-Debian-1deb12u1"), md);
        assertTrue(md.contains("`pcistress bench --quick --include LockingBench_01`"), md);
        assertTrue(md.contains("| [checking=jdk] | avgt | 1 | 2 | 13.54 ± ? | ns/op | 1.00× (ref) |"), md);
        // two iterations a side cannot tell 1.34× from noise: marked ~
        assertTrue(md.contains("| [checking=detector] | avgt | 1 | 2 | 18.15 ± ? | ns/op | ~1.34× |"), md);
        assertTrue(md.indexOf("## Verdict against the baseline") < md.indexOf("## Run"), md);
        assertTrue(md.contains("| Benchmark | Parameters | p50 | p90 | p99 | p99.9 | p99.99 | max | Unit |"), md);
        assertTrue(md.contains("Alloc B/op"), md);
        assertTrue(md.contains("## Failed benchmarks"), md);
        assertTrue(md.contains(ReportData.QUICK_WARNING), md);
    }

    @Test
    void htmlIsSelfContainedWithChartsAndErrorBars() throws IOException, URISyntaxException {
        String html = HtmlReport.render(data());
        assertFalse(Pattern.compile("src\\s*=|href=\"(?!#)").matcher(html).find(), "nothing fetched at view time");
        assertTrue(html.contains("<a href=\"#verdict\">Verdict</a>"), "a table of contents");
        assertTrue(html.contains("<a href=\"#LockingBench_01_MutexUncontended\">"), "a table of contents");
        assertTrue(html.indexOf("id=\"verdict\"") < html.indexOf("id=\"run\""), "the verdict first");
        assertTrue(html.contains("(sample: bar p50, ◆ p99)"), "sample mode is drawn as p50 and p99");
        assertFalse(html.contains("<script"), "no script");
        // one bar chart per mode, one percentile chart per method
        assertEquals(4, count(html, "<svg "));
        assertTrue(html.contains("LockingBench_01_MutexUncontended (avgt)"));
        assertTrue(html.contains(">LockingBench_01_MutexUncontended.baseline: latency by percentile</text>"));
        assertTrue(html.contains(">LockingBench_01_MutexUncontended.lockUnlock: latency by percentile</text>"));
        // the sample-mode bar is the median, not JMH's mean of 717.3 ± 2,173.5
        assertTrue(html.contains("<title>lockUnlock [checking=detector]: p99 "), html);
        assertFalse(html.contains("<title>lockUnlock [checking=detector]: 717.3"), html);
        assertTrue(html.contains("<th>Machine</th><td>" + MACHINE.describe() + "</td>"), html);
    }

    @Test
    void aSweptNumericParameterGetsALineChartPerStrategy() throws IOException {
        String w = "org.pcistress.bench.aer.AerBench_01_BusWalk.walk";
        SyntheticJmh s = new SyntheticJmh();
        for (String strategy : List.of("v7.0", "list-snapshot")) {
            for (int n : new int[] {16, 256, 4096}) {
                s.add(w, "thrpt", "\"n\": \"" + n + "\", \"strategy\": \"" + strategy + "\"",
                        100_000.0 / n * (strategy.equals("list-snapshot") ? 0.8 : 1), 1.0 / n, 5, "ops/ms");
            }
        }
        Path json = s.write(dir, "walk.json");
        ReportData data = new ReportData(JmhJson.read(json), RunInfo.unknown(MACHINE));
        String html = HtmlReport.render(data);
        assertEquals(1, count(html, "<svg "), "one line chart, no bar chart");
        assertTrue(html.contains("walk (thrpt) against n"), html);
        assertTrue(html.contains(">strategy=v7.0</text>") && html.contains(">strategy=list-snapshot</text>"));
        assertTrue(html.contains("against n, log-log"), "a size sweep is drawn log-log");
        // the strategy's colour, the same in every report
        assertTrue(html.contains("stroke=\"" + Palette.COLOURS[1] + "\""), html);
        assertEquals(6, count(html, "<circle "));
        String md = MarkdownReport.render(data);
        assertTrue(md.contains("| [n=4096, strategy=list-snapshot] | thrpt | 1 | 10 | 19.53 ± 0.00 | ops/ms | 1.25× |"),
                md);
    }

    /**
     * A second capture, from the quick pass of docs/BENCH.md: AerBench_01's recovery over n (with
     * -prof gc) and AerBench_02's churn group in sample mode, v7.0 only.
     */
    @Test
    void aRealGroupAndSweepRender() throws IOException, URISyntaxException {
        List<JmhResult> rs = capture("aer-01-02-quick.json");
        assertEquals(List.of("churn", "churn:walker", "churn:writer"), rs.stream()
                .filter(r -> r.className().equals("AerBench_02_WalkUnderChurn")).map(JmhResult::method).toList());
        JmhResult writer = rs.stream().filter(r -> r.method().equals("churn:writer")).findFirst().orElseThrow();
        assertEquals(ReportData.PERCENTILES.size(), ReportData.PERCENTILES.stream()
                .filter(writer.percentiles()::containsKey).count());
        String html = HtmlReport.render(new ReportData(rs, RunInfo.unknown(MACHINE)));
        assertTrue(html.contains("recovery (thrpt) against n"), "the n sweep is a line chart");
        assertTrue(html.contains(">AerBench_02_WalkUnderChurn.churn:writer: latency by percentile</text>"));
        String md = MarkdownReport.render(new ReportData(rs, RunInfo.unknown(MACHINE)));
        assertTrue(md.contains("| recovery | [n=7, strategy=list-snapshot] | thrpt | 1 | 3 |"), md);
        assertTrue(md.contains("| churn:writer | [strategy=v7.0] |"), md);
    }

    @Test
    void benchReportWritesBothFiles() throws IOException, URISyntaxException {
        Path src = Path.of(getClass().getResource("locking-01-avgt-sample-gc.json").toURI());
        Path json = Files.copy(src, dir.resolve("results.json"));
        assertEquals(0, org.pcistress.tools.Main.run("bench-report", json.toString()));
        assertTrue(Files.readString(dir.resolve("report.html")).contains("<svg "));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("LockingBench_01_MutexUncontended"));
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
