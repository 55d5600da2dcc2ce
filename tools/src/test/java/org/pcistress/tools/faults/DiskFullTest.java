package org.pcistress.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.Main;
import org.pcistress.tools.job.Baselines;
import org.pcistress.tools.job.JobPlan;
import org.pcistress.tools.job.JobStep;
import org.pcistress.tools.job.RunCommand;
import org.pcistress.tools.job.Specs;
import org.pcistress.tools.job.StepContext;
import org.pcistress.tools.job.StepResult;
import picocli.CommandLine;

/**
 * The disk fills during a run (review section 2): the job's writes go through {@code NAME.tmp},
 * which here is {@code /dev/full}, so every write of the report fails with ENOSPC as on a full
 * disk. Exit 3 with the reason on stderr, no trace, no temporary file left, and the folder is never
 * taken for a baseline.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    /** A step after which the disk is full for the report's job.json and index.html. */
    private static JobStep fillingTheDisk() {
        return new JobStep() {
            @Override
            public String name() {
                return "matrix";
            }

            @Override
            public int weight(JobPlan plan) {
                return 1;
            }

            @Override
            public StepResult run(StepContext ctx) throws IOException {
                Path report = ctx.dir().getParent();
                // the disk is full for the next two writes: index.html, then job.json
                for (String f : List.of("job.json.tmp", "index.html.tmp")) {
                    Files.createSymbolicLink(report.resolve(f), Path.of("/dev/full"));
                }
                return new StepResult(ExitCodes.OK, "done", List.of(), List.of(), List.of());
            }
        };
    }

    @Test
    void aFullDiskIsExitThreeOnStderrAndTheReportIsNeverABaseline() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux)");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.configure(new CommandLine(new RunCommand(List.of(fillingTheDisk()), Specs.CURRENT,
                Clock.systemUTC())));
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cl.execute("--out", tmp.resolve("reports").toString(), "--profiles", "v4.14", "--fixes", "none");

        assertEquals(ExitCodes.HARNESS, code, out + "\n" + err);
        assertTrue(err.toString().contains("run: cannot write the report: ") && err.toString().contains(
                "No space left on device"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
        Path report;
        try (Stream<Path> s = Files.list(tmp.resolve("reports"))) {
            report = s.findFirst().orElseThrow();
        }
        try (Stream<Path> s = Files.walk(report)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(), "temporary files left");
        }
        assertTrue(Files.readString(report.resolve("job.json")).contains("\"state\" : \"RUNNING\""));
        String why = Baselines.whyNot(report).orElseThrow();
        assertTrue(why.startsWith("unfinished during matrix: its process is gone"), why);
    }
}
