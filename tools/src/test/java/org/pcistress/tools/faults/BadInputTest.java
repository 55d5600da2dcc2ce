package org.pcistress.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.Main;
import picocli.CommandLine;

/**
 * The review's bad inputs that ended in a trace, a wrong code, or work done before the refusal
 * (section 1, D6, D9, D11, D15): each is one line on stderr, exit 2, and nothing run or written.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static void assertOneLine(Result r, String fragment) {
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), () -> "not one line: " + r.err());
        assertTrue(r.err().contains(fragment), () -> "expected '" + fragment + "' in " + r.err());
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.sorted().toList();
        }
    }

    @Test
    void hugeDurationsAreRefusedNotOverflowed() {
        String tooLong = "is longer than the most any option accepts";
        assertOneLine(run("bench", "--timeout", "9999999999999999h"), tooLong);
        assertOneLine(run("bench", "--timeout", "5124095576030431h"), tooLong);
        assertOneLine(run("bench", "--timeout", "1x"), "is not a duration");
        assertOneLine(run("run", "--budget", "99999999999999999999h"), tooLong);
        assertOneLine(run("stress", "--budget", "169h"), tooLong);
        assertOneLine(run("explore", "--scenario", "remove_pf", "--profile", "v6.18", "--time-budget", "10000000000s"),
                tooLong);
    }

    @Test
    void aReplayLongerThanAnyExecutionIsRefusedBeforeItIsBuilt() {
        long t0 = System.nanoTime();
        assertOneLine(run("explore", "--scenario", "bind_pf+aer", "--profile", "v6.18", "--replay", "0x2147483647"),
                "--replay: the schedule is longer than");
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "refused at once, not after filling the heap");
        assertOneLine(run("explore", "--scenario", "bind_pf+aer", "--profile", "v6.18", "--replay",
                "1x99999999999999999999999"), "--replay: the schedule is longer than");
    }

    @Test
    void aScenarioEndingInPlusNamesTheEmptyEntryPoint() {
        assertOneLine(run("explore", "--scenario", "bind_pf+", "--profile", "v6.18"), "unknown entry point ''");
    }

    @Test
    void runRefusesBeforeWritingAnything() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Path summary = Files.writeString(tmp.resolve("summary.json"), "{}");
        String reports = tmp.resolve("reports").toString();
        assertOneLine(run("run", "--profiles", "v7.0,v4.14", "--out", reports), "in version order");
        assertOneLine(run("run", "--out", file.resolve("sub").toString()), "is a file");
        assertOneLine(run("run", "--stress-from", summary.toString(), "--out", reports),
                "--stress-from: " + summary + " is a file");
        // the real steps: a matrix (15 s) and a jcstress pass (2m) do not fit in a minute
        assertOneLine(run("run", "--skip", "bench", "--budget", "1m", "--profiles", "v4.14", "--fixes", "none",
                "--out", reports), "--budget 1m is too short: the steps need at least history 1m, matrix 15s, stress 2m");
        assertEquals(List.of(tmp, file, summary), files(), "nothing written");
    }

    @Test
    void outputFoldersThatAreFilesAreRefusedBeforeTheWork() throws IOException {
        Path file = Files.writeString(tmp.resolve("afile"), "keep");
        long t0 = System.nanoTime();
        assertOneLine(run("matrix", "--profile", "v4.14", "--out", file.toString()), "is a file");
        assertOneLine(run("matrix-diff", "--from", "v4.14", "--to", "v5.10", "--out", file.resolve("x").toString()),
                "is a file");
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "refused before any matrix ran");
        assertOneLine(run("bench", "--out", file.toString()), "is a file, not a folder");
        assertOneLine(run("stress", "--out", file.toString(), "--jar", "../tests-jcstress/target/jcstress.jar"),
                "--out " + file + " is a file, not a folder");
        assertOneLine(run("stress", "--out", file.resolve("sub").toString(), "--jar",
                "../tests-jcstress/target/jcstress.jar"), "Not a directory");
        assertEquals("keep", Files.readString(file));
    }

    @Test
    void stressResultsAreIgnoredByGit() throws IOException {
        assertTrue(Files.readAllLines(Path.of("../.gitignore")).contains("stress-results/"),
                "stress --out's default folder would show in git status");
        assertFalse(Files.readString(Path.of("../.gitignore")).isBlank());
    }
}
