package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.Main;
import org.pcistress.tools.job.FakeCli;
import org.pcistress.tools.stress.StressFiles;
import picocli.CommandLine;

/** stress-merge through the command line. */
class StressMergeCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path shard(String name, String json) throws IOException {
        FakeCli.write(tmp.resolve(name).resolve("2026-11-21_030000/summary.json"), json);
        return tmp.resolve(name);
    }

    private String jar(String... tests) throws IOException {
        return FakeCli.jar(tmp.resolve("jcstress.jar"), tests).toString();
    }

    @Test
    void mergesShardsIntoOneSummaryAndTakesTheWorstCode() throws IOException {
        Path a = shard("stress-aer", FakeCli.stressSummary(0, "AER_01.Upstream", "PASSED"));
        Path b = shard("stress-sriov", FakeCli.stressSummary(1, "SRIOV_01.Fixed", "FAILED", "SRIOV_01.Upstream", "PASSED"));
        assertEquals(ExitCodes.REGRESSION, run("stress-merge", "--jar", jar("AER_01.Upstream", "SRIOV_01.Fixed",
                "SRIOV_01.Upstream"), tmp.resolve("merged").toString(), a.toString(), b.toString()));
        RunSummary merged = StressFiles.read(tmp.resolve("merged"));
        assertEquals(3, merged.tests().size());
        assertEquals(3, merged.testsRan(), "counts are summed");
        assertEquals("REGRESSION", merged.result());
        assertTrue(Files.readString(tmp.resolve("merged/summary.txt")).contains("FAILED"));
    }

    @Test
    void aMissingShardIsAHarnessFailureAndAnIncompleteRun() throws IOException {
        Path a = shard("stress-aer", FakeCli.stressSummary(0, "AER_01.Upstream", "PASSED"));
        assertEquals(ExitCodes.HARNESS, run("stress-merge", "--jar", jar("AER_01.Upstream"),
                tmp.resolve("merged").toString(), a.toString(), tmp.resolve("stress-eeh").toString()));
        assertTrue(err.toString().contains("stress-eeh does not exist"), err.toString());
        assertFalse(StressFiles.read(tmp.resolve("merged")).complete());
    }

    @Test
    void aTestInNoShardIsNotRunAndExitThreeUnlessPartialIsAllowed() throws IOException {
        Path a = shard("stress-locking", FakeCli.stressSummary(0, "Locking_01.Abba", "PASSED"));
        String jar = jar("Locking_01.Abba", "AER_01.Upstream", "AER_01.Fixed");
        assertEquals(ExitCodes.HARNESS, run("stress-merge", "--jar", jar, tmp.resolve("m1").toString(), a.toString()));
        RunSummary m1 = StressFiles.read(tmp.resolve("m1"));
        assertEquals(3, m1.testsExpected());
        assertEquals(1, m1.testsRan());
        assertEquals(2, m1.tests().stream().filter(t -> t.verdict() == org.pcistress.tools.stress.Verdict.NOT_RUN)
                .count());
        assertEquals(ExitCodes.OK, run("stress-merge", "--allow-partial", "--jar", jar, tmp.resolve("m2").toString(),
                a.toString()));
        RunSummary m2 = StressFiles.read(tmp.resolve("m2"));
        assertFalse(m2.complete());
        assertEquals("partial (--allow-partial): 2 of the 3 tests of the jar in no shard", m2.incompleteBecause());
        assertTrue(Files.readString(tmp.resolve("m2/summary.txt")).contains("INCOMPLETE: partial"));
    }

    @Test
    void overlappingShardsAreAnErrorNamingTheTests() throws IOException {
        Path a = shard("a", FakeCli.stressSummary(0, "AER_01.Upstream", "PASSED", "AER_01.Fixed", "PASSED"));
        Path b = shard("b", FakeCli.stressSummary(0, "AER_01.Fixed", "PASSED"));
        assertEquals(ExitCodes.USAGE, run("stress-merge", "--jar", jar("AER_01.Upstream", "AER_01.Fixed"),
                tmp.resolve("m").toString(), a.toString(), b.toString()));
        assertEquals("pcistress stress-merge: shards overlap: AER_01.Fixed in " + a + ", " + b
                + " (each test must be in exactly one shard)", err.toString().strip());
        assertFalse(Files.exists(tmp.resolve("m")), "nothing written");
        err.getBuffer().setLength(0);
        assertEquals(ExitCodes.USAGE, run("stress-merge", "--jar", jar("AER_01.Upstream", "AER_01.Fixed"),
                tmp.resolve("m").toString(), b.toString(), b.toString()), "the same shard twice");
        assertTrue(err.toString().startsWith("pcistress stress-merge: shards overlap: AER_01.Fixed"), err.toString());
    }

    @Test
    void outAFileOrAShardsOwnFolderIsOneLineAndTwo() throws IOException {
        Path a = shard("a", FakeCli.stressSummary(0, "AER_01.Upstream", "PASSED"));
        Path file = Files.writeString(tmp.resolve("afile"), "keep");
        assertEquals(ExitCodes.USAGE, run("stress-merge", "--jar", jar("AER_01.Upstream"), file.toString(), a.toString()));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("is a file"), err.toString());
        assertEquals("keep", Files.readString(file));
        assertEquals(ExitCodes.USAGE, run("stress-merge", "--jar", jar("AER_01.Upstream"), a.toString(),
                a.resolve("2026-11-21_030000/summary.json").toString()));
        assertTrue(err.toString().contains("holds the shard"), err.toString());
    }
}
