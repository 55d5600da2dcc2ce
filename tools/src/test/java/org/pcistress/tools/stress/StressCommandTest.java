package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.Main;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine;

/** Bad options and missing inputs: exit 2 and one line on stderr. */
class StressCommandTest {
    @TempDir
    Path tmp;

    private record Result(int code, String err, String out) {
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true));
        int code = cl.execute(args);
        return new Result(code, err.toString(), out.toString());
    }

    private static void assertOneLineUsageError(Result r, String fragment) {
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), () -> "not one line: " + r.err());
        assertTrue(r.err().contains(fragment), () -> "expected '" + fragment + "' in " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void badBudget() {
        assertOneLineUsageError(run("stress", "--budget", "ten minutes"), "is not a duration like 90s, 10m, 4h or 1h30m (a unit is required)");
        assertOneLineUsageError(run("stress", "--budget", "10"), "a unit is required");
        assertOneLineUsageError(run("stress", "--budget", "9999h"), "longer than the most");
        assertOneLineUsageError(run("stress", "--budget", "0s"), "is zero");
        assertTrue(run("stress", "--budget", "1x").err().startsWith("pcistress stress: "), "the one error format");
    }

    @Test
    void unknownOption() {
        assertOneLineUsageError(run("stress", "--bogus"), "Unknown option: '--bogus'");
    }

    @Test
    void badRegex() {
        assertOneLineUsageError(run("stress", "--tests", "([", "--jar", tmp.resolve("x.jar").toString()),
                "--tests is not a regular expression");
    }

    @Test
    void missingJar() {
        Path jar = tmp.resolve("nowhere/jcstress.jar");
        assertOneLineUsageError(run("stress", "--jar", jar.toString()), "no jcstress jar at " + jar);
    }

    @Test
    void aJarWithoutATestListIsRefused() throws Exception {
        Path jar = tmp.resolve("empty.jar");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("README"));
            zip.closeEntry();
        }
        Result r = run("stress", "--jar", jar.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCodes.HARNESS, r.code(), r::toString);
        assertTrue(r.err().contains("has no META-INF/TestList"), r::toString);
    }

    @Test
    void runFoldersAreNeverReused() throws Exception {
        LocalDateTime at = LocalDateTime.of(2026, 1, 2, 3, 4, 5);
        Path first = StressCommand.newRunFolder(tmp, at);
        Files.writeString(first.resolve("summary.json"), "{}");
        Path second = StressCommand.newRunFolder(tmp, at);
        assertEquals("2026-01-02_030405", first.getFileName().toString());
        assertEquals("2026-01-02_030405-2", second.getFileName().toString());
        assertNotEquals(first, second);
        assertEquals("{}", Files.readString(first.resolve("summary.json")));
    }
}
