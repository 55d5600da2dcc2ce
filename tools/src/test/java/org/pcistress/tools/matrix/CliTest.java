package org.pcistress.tools.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.CliRun;
import org.pcistress.tools.job.FakeCli;

/** The explore, matrix and matrix-diff commands (two specs or two files): results, files, exit status, one-line errors. */
class CliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void assertOneLineError(CliRun r, String contains) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(contains), r.err());
    }

    @Test
    void lockdepFlavoursSideBySideOnThe2017Cell() {
        CliRun both = run("explore", "--scenario", "bind_pf+aer", "--profile", "v5.10", "--lockdep", "both");
        assertEquals(1, both.code(), both.err());
        assertTrue(both.out().contains("LOCKDEP_CIRCULAR: "), both.out());
        assertFalse(both.out().contains("(kernel lockdep)"), "the kernel's lockdep cannot see dev->mutex: " + both.out());
        CliRun kernel = run("explore", "--scenario", "bind_pf+aer", "--profile", "v5.10", "--lockdep", "kernel");
        assertEquals(1, kernel.code(), kernel.err());
        assertFalse(kernel.out().contains("LOCKDEP_CIRCULAR"), kernel.out());
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--lockdep", "linux"),
                "--lockdep takes pcistress, kernel or both");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v9.99"), "unknown profile");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18+no-such-fix"), "no-such-fix");
        assertOneLineError(run("explore", "--scenario", "bind_pf+nonsense", "--profile", "v6.18"), "nonsense");
        // a VF has no sysfs remove file: no such entry point to race
        assertOneLineError(run("explore", "--scenario", "remove_vf", "--profile", "v5.10"), "unknown entry point 'remove_vf'");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--bogus"), "--bogus");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--replay", "0.x"), "'x'");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--replay", "3"), "diverges");
        assertOneLineError(run("matrix", "--profile", "nope"), "unknown profile");
        assertOneLineError(run("matrix-diff", "--from", "v5.10"), "--to");
        assertOneLineError(run("matrix-diff", "--from", "v5.10", "--to", "v6.18", "--preemptions", "-1"), "preemptions");
        assertOneLineError(run("matrix", "--profile", "v6.18", "--time-budget", "10"), "a unit is required");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--time-budget", "1x"),
                "'1x' is not a duration");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--time-budget", "-5s"),
                "'-5s' is not a duration");
        assertOneLineError(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--time-budget",
                "99999999999999999999s"), "longer than the most");
        assertTrue(run("matrix", "--profile", "nope").err().startsWith("pcistress matrix: unknown profile"));
        assertTrue(run("matrix", "--profile", "v6.18", "--bogus").err().startsWith("pcistress matrix: "));
    }

    @Test
    void exploreFindsTheV618SelfDeadlockAndReplaysIt() {
        CliRun r = run("explore", "--scenario", "remove_pf", "--profile", "v6.18");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("recursive lock(pci_rescan_remove_lock)"), r.out());
        CliRun again = run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--replay", "0x5");
        assertEquals(1, again.code(), again.err());
        assertTrue(again.out().lines().anyMatch(l -> l.startsWith("replay 0x") && l.endsWith(": DEADLOCK")),
                again.out());
        CliRun fixed = run("explore", "--scenario", "remove_pf", "--profile", "v7.0");
        assertEquals(0, fixed.code(), fixed.out());
        // one task: no schedule has a preemption to make, so the bounded search ran them all
        assertTrue(fixed.out().contains("proved for all schedules"), fixed.out());
    }

    @Test
    void exploreWithoutABoundProvesOrSaysTheBudgetWasHit() {
        // numvfs_n+aer (S1) finishes unbounded in about 600 executions; bind_pf+hot_unplug no longer
        // does within the budget since pciehp's IST holds ctrl->reset_lock and drops it around each unbind
        CliRun all = run("explore", "--scenario", "numvfs_n+aer", "--profile", "v7.0",
                "--preemptions", "unbounded");
        assertEquals(1, all.code(), all.err());
        assertTrue(all.out().contains("every schedule ran"), all.out());
        CliRun bad = run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--preemptions", "lots");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("'unbounded'"), bad.err());
        // --dpor with a bound (bounded DPOR) is accepted: the same verdict; one task, so its bound cut nothing
        CliRun dpor = run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--dpor", "--preemptions", "1");
        assertEquals(1, dpor.code(), dpor.err());
        assertTrue(dpor.out().contains("DEADLOCK") && dpor.out().contains("(DPOR; 1 executions)"), dpor.out());
        // --every-race turns the merging of granted waits off: more executions, the same verdict
        CliRun merged = run("explore", "--scenario", "bind_pf+eeh_vf", "--profile", "v7.0", "--dpor", "--preemptions", "unbounded");
        CliRun every = run("explore", "--scenario", "bind_pf+eeh_vf", "--profile", "v7.0", "--dpor", "--preemptions", "unbounded",
                "--every-race");
        assertEquals(1, merged.code(), merged.err());
        assertEquals(1, every.code(), every.err());
        assertTrue(merged.out().contains("USE_AFTER_FREE: 12 steps") && every.out().contains("USE_AFTER_FREE: 12 steps"),
                merged.out() + every.out());
        assertTrue(executions(merged.out()) > 0 && executions(merged.out()) < executions(every.out()), merged.out() + every.out());
        CliRun alone = run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--every-race");
        assertEquals(2, alone.code(), alone.out());
        assertTrue(alone.err().contains("--every-race needs --dpor"), alone.err());
    }

    @Test
    void matrixWritesJsonMarkdownAndSelfContainedHtml(@TempDir Path dir) throws Exception {
        CliRun r = run("matrix", "--profile", "v4.14", "--cells", "bind_pf+aer,remove_pf", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.err().lines().count(), "one progress line per cell: " + r.err());
        String json = Files.readString(dir.resolve("matrix.json"));
        assertTrue(json.contains("\"verdict\" : \"DEADLOCK\""), json);
        assertTrue(json.contains("\"claim\" : \"proved (all schedules)\""), json);
        String md = Files.readString(dir.resolve("matrix.md"));
        assertTrue(md.contains("### bind_pf+aer: DEADLOCK"), md);
        assertTrue(md.contains("**What each cell covered.**"), md);
        assertTrue(md.contains("- proved (all schedules) ("), md);
        String html = Files.readString(dir.resolve("matrix.html"));
        assertTrue(html.contains("id=\"cell-bind_pf-aer\""), html);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("<script")
                || html.contains("<link"), "the page must need nothing at view time");
    }

    @Test
    void matrixDiffExitsOneWhenAChangeIntroducesAFailure(@TempDir Path dir) {
        CliRun worse = run("matrix-diff", "--from", "v5.10", "--to", "v6.18", "--cells", "remove_pf,aer",
                "--out", dir.toString());
        assertEquals(1, worse.code(), worse.out() + worse.err());
        assertTrue(worse.out().contains("remove_pf") && worse.out().contains("+DEADLOCK"), worse.out());
        assertTrue(Files.exists(dir.resolve("diff.json")));
        CliRun same = run("matrix-diff", "--from", "v5.10", "--to", "v7.0", "--cells", "remove_pf");
        assertEquals(0, same.code(), same.out());
    }

    @Test
    void matrixWritesJunitXmlJudgedAgainstFindingsAndAVersionedJson(@TempDir Path dir) throws Exception {
        CliRun r = run("matrix", "--profile", "v4.14", "--cells", "bind_pf+aer,remove_pf", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        String xml = Files.readString(dir.resolve("junit.xml"));
        org.pcistress.tools.report.JunitXmlTest.validate(xml);
        assertTrue(xml.contains("tests=\"2\"") && xml.contains("failures=\"0\""), "the S1 deadlock is known: " + xml);
        assertTrue(xml.contains("DEADLOCK: known, docs/FINDINGS.md #v4.14-s1"), xml);
        assertTrue(Files.readString(dir.resolve("matrix.json")).startsWith("{\n  \"schema\" : \"pcistress.matrix/1.1\""));
        Path newer = dir.resolve("newer.json");
        Files.writeString(newer, Files.readString(dir.resolve("matrix.json"))
                .replace("pcistress.matrix/1.1", "pcistress.matrix/2.0"));
        assertOneLineError(run("matrix-diff", dir.resolve("matrix.json").toString(), newer.toString()),
                "has format pcistress.matrix/2.0; this pcistress reads pcistress.matrix/1.x: use a newer pcistress");
    }

    @Test
    void matrixDiffComparesTwoMatrixFilesAsTheyAre(@TempDir Path tmp) throws Exception {
        Path from = tmp.resolve("base.json");
        Path to = tmp.resolve("pr/v6.18/matrix.json");
        Files.writeString(from, FakeCli.matrix("v6.18", "bind_pf+aer", "OK"));
        FakeCli.write(to, FakeCli.matrix("v6.18", "bind_pf+aer", "DEADLOCK"));
        CliRun worse = run("matrix-diff", from.toString(), tmp.resolve("pr").toString());
        assertEquals(1, worse.code(), worse.err());
        assertTrue(worse.out().contains("introduced (1):"), worse.out());
        assertTrue(worse.out().contains("bind_pf+aer"), worse.out());
        assertEquals(0, run("matrix-diff", "--from", to.toString(), "--to", from.toString()).code(), "a fix is no regression");
        assertOneLineError(run("matrix-diff", from.toString(), tmp.resolve("nope.json").toString()), "not one of each");
        Files.writeString(tmp.resolve("broken.json"), "{\"tool\": 1}");
        assertOneLineError(run("matrix-diff", from.toString(), tmp.resolve("broken.json").toString()),
                "is not a matrix.json");
        assertOneLineError(run("matrix-diff", from.toString(), to.toString(), "--out", tmp.toString()), "--out");
    }

    @Test
    void matrixDiffRefusesAFileThatIsNotAWholeMatrixAndATargetThatLacksCells(@TempDir Path tmp) throws Exception {
        Path good = tmp.resolve("good.json");
        Files.writeString(good, FakeCli.matrix("v6.18", "bind_pf+aer", "OK", "remove_pf", "OK"));
        String[][] bad = {
            {"nokey.json", FakeCli.matrix("v6.18", "bind_pf+aer", "OK").replace("\"key\":\"bind_pf+aer\",", ""),
                "has no key"},
            {"banana.json", FakeCli.matrix("v6.18", "bind_pf+aer", "OK").replace("\"verdict\":\"OK\"",
                "\"verdict\":\"BANANA\""), "unknown verdict 'BANANA'"},
            {"nospec.json", FakeCli.matrix("v6.18", "bind_pf+aer", "OK").replace("\"spec\":\"v6.18\"",
                "\"spec\":null"), "matrix.spec is missing"},
            {"empty.json", FakeCli.matrix("v6.18"), "holds no cells"},
        };
        for (String[] b : bad) {
            Path f = Files.writeString(tmp.resolve(b[0]), b[1]);
            assertOneLineError(run("matrix-diff", good.toString(), f.toString()), b[2]);
        }
        Path subset = Files.writeString(tmp.resolve("subset.json"), FakeCli.matrix("v6.18", "bind_pf+aer", "OK"));
        CliRun partial = run("matrix-diff", good.toString(), subset.toString());
        assertEquals(3, partial.code(), "a TO without FROM's cells says nothing of them: " + partial.err());
        assertTrue(partial.err().contains("lacks 1 cell(s)"), partial.err());
    }

    /** The executions a search summary reports: {@code (DPOR; 28 executions)}. */
    private static long executions(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("DPOR; (\\d+) executions").matcher(summary);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
