package org.pcistress.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pcistress} wrapper script (review D7, D8, D13, D15) in a checkout of its own, with
 * stand-ins for {@code mvn} and {@code java} on the PATH that log what they were asked: exit codes
 * of {@code test}, one build at a time, no rebuild for build output, a missing class-path jar.
 */
class WrapperTest {
    private static final List<String> JARS = List.of("tools/target/pcistress.jar", "tests-jcstress/target/jcstress.jar",
            "benchmarks-jmh/target/benchmarks.jar");

    @TempDir
    Path tmp;
    private Path checkout;
    private Path log;

    @BeforeEach
    void checkout() throws IOException {
        checkout = Files.createDirectories(tmp.resolve("co"));
        Files.copy(Path.of("../pcistress"), checkout.resolve("pcistress"), StandardCopyOption.COPY_ATTRIBUTES);
        log = tmp.resolve("log");
        Files.writeString(log, "");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        // mvn: logs begin and end of each build, fails where the test says, and leaves the jars newer
        script(bin.resolve("mvn"), "echo \"begin $* $$\" >> \"$LOG\"\n"
                + "case \"$*\" in *test-compile*) [ -n \"${FAIL_COMPILE:-}\" ] && exit 1;; esac\n"
                + "case \"$*\" in *verify*) [ -n \"${FAIL_TESTS:-}\" ] && exit 1;; esac\n"
                + "sleep 1\n"
                + "for j in " + String.join(" ", JARS) + "; do mkdir -p \"$(dirname \"$j\")\"; touch \"$j\"; done\n"
                + "echo \"end $$\" >> \"$LOG\"\n");
        script(bin.resolve("java"), "echo \"java $* (in $PWD)\" >> \"$LOG\"\n");
        Path src = checkout.resolve("core/src/main/java/A.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "class A {}");
        for (String j : JARS) {
            Files.createDirectories(checkout.resolve(j).getParent());
            Files.writeString(checkout.resolve(j), "");
        }
        age(src, 120);
    }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Sets {@code p}'s modification time to {@code seconds} ago. */
    private static void age(Path p, long seconds) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(seconds)));
    }

    private Process start(List<String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("./pcistress"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(checkout.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("err-" + System.nanoTime()).toFile());
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("LOG", log.toString());
        for (int i = 0; i < env.size(); i += 2) {
            pb.environment().put(env.get(i), env.get(i + 1));
        }
        return pb.start();
    }

    private int run(List<String> env, String... args) throws Exception {
        Process p = start(env, args);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the wrapper hangs");
        return p.exitValue();
    }

    private List<String> builds() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("begin") || l.startsWith("end")).toList();
    }

    private String lastErr() throws IOException {
        try (var s = Files.list(tmp)) {
            Path last = s.filter(p -> p.getFileName().toString().startsWith("err-")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
            return Files.readString(last);
        }
    }

    @Test
    void testExitsTwoOnAnArgumentThreeWhenItDoesNotCompileOneWhenATestFails() throws Exception {
        assertEquals(2, run(List.of(), "test", "extra"));
        assertTrue(lastErr().startsWith("pcistress: 'test' takes no options"), lastErr());
        assertEquals(1, lastErr().lines().count());
        assertEquals(3, run(List.of("FAIL_COMPILE", "1"), "test"));
        assertTrue(lastErr().contains("does not compile"), lastErr());
        assertEquals(1, run(List.of("FAIL_TESTS", "1"), "test"));
        assertEquals(0, run(List.of(), "test"));
        assertTrue(Files.readString(log).contains("java -jar tools/target/pcistress.jar stress --budget 5m"));
    }

    @Test
    void twoInvocationsAfterASourceChangeBuildOnceAndNeverAtTheSameTime() throws Exception {
        for (String j : JARS) {
            age(checkout.resolve(j), 600); // older than the source: stale
        }
        Process a = start(List.of(), "--version");
        Process b = start(List.of(), "--version");
        assertTrue(a.waitFor(60, TimeUnit.SECONDS) && b.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        List<String> builds = builds();
        assertEquals(2, builds.size(), "one build, the second call found the jars fresh: " + builds);
        assertTrue(builds.get(0).startsWith("begin") && builds.get(0).contains("-DskipTests package") && builds.get(1).startsWith("end"),
                builds::toString);
    }

    @Test
    void buildOutputNewerThanTheJarsIsNoReasonToRebuild() throws Exception {
        Path generated = checkout.resolve("benchmarks-jmh/target/generated-sources/jmh/B_jmhTest.java");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, "class B_jmhTest {}");
        assertEquals(0, run(List.of(), "--version"));
        assertEquals(List.of(), builds(), "rebuilt for a generated source");
        assertTrue(Files.readString(log).contains("-cp tools/target/pcistress.jar org.pcistress.tools.Main --version"),
                Files.readString(log));
    }

    @Test
    void javaRunsInTheCheckoutAndIsToldTheCallersDirectoryForThePathsTheUserGives() throws Exception {
        Path caller = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(caller.resolve("fixes.jar"), "");
        ProcessBuilder pb = new ProcessBuilder("../co/pcistress", "check-patch", "../my.patch").directory(caller.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("LOG", log.toString());
        pb.environment().put("PCISTRESS_CLASSPATH", "fixes.jar");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the wrapper hangs");
        assertEquals(0, p.exitValue());
        String java = Files.readAllLines(log).stream().filter(l -> l.startsWith("java ")).findFirst().orElseThrow();
        String here = caller.toRealPath().toString();
        assertEquals("java -Dpcistress.callerDir=" + here + " -cp tools/target/pcistress.jar:" + here + "/fixes.jar "
                + "org.pcistress.tools.Main check-patch ../my.patch (in " + checkout.toRealPath() + ")", java,
                "Java in the checkout (its default folders), told where the caller is (the patch), the class path "
                        + "entry relative to the caller");
    }

    @Test
    void aClassPathJarThatDoesNotExistIsExitTwo() throws Exception {
        assertEquals(2, run(List.of("PCISTRESS_CLASSPATH", "my-fixes.jar"), "matrix", "--profile", "v6.18+my-fix"));
        assertEquals("pcistress: PCISTRESS_CLASSPATH: my-fixes.jar does not exist", lastErr().strip());
        assertEquals(List.of(), Files.readAllLines(log), "nothing built or run");
    }
}
