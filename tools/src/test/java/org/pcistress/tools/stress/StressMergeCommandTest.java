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

    @Test
    void mergesShardsIntoOneSummaryAndTakesTheWorstCode() throws IOException {
        Path a = shard("stress-aer", FakeCli.stressSummary(0, "AER_01.Upstream", "PASSED"));
        Path b = shard("stress-sriov", FakeCli.stressSummary(1, "SRIOV_01.Fixed", "FAILED", "SRIOV_01.Upstream", "PASSED"));
        assertEquals(ExitCodes.REGRESSION, run("stress-merge", tmp.resolve("merged").toString(), a.toString(), b.toString()));
        RunSummary merged = StressFiles.read(tmp.resolve("merged"));
        assertEquals(3, merged.tests().size());
        assertEquals(3, merged.testsRan(), "counts are summed");
        assertEquals("REGRESSION", merged.result());
        assertTrue(Files.readString(tmp.resolve("merged/summary.txt")).contains("FAILED"));
    }

    @Test
    void aMissingShardIsAHarnessFailureAndAnIncompleteRun() throws IOException {
        Path a = shard("stress-aer", FakeCli.stressSummary(0, "AER_01.Upstream", "PASSED"));
        assertEquals(ExitCodes.HARNESS, run("stress-merge", tmp.resolve("merged").toString(), a.toString(),
                tmp.resolve("stress-eeh").toString()));
        assertTrue(err.toString().contains("stress-eeh does not exist"), err.toString());
        assertFalse(StressFiles.read(tmp.resolve("merged")).complete());
    }
}
