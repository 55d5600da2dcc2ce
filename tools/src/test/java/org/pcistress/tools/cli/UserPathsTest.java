package org.pcistress.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pcistress.model.change.ProfileSpecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The user's relative paths resolve against the directory they ran pcistress in; the documented
 * defaults stay where they are (relative to the checkout, where the wrapper runs Java).
 */
class UserPathsTest {

    @Command(name = "probe")
    static final class Probe implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--out", defaultValue = "reports")
        Path out;
        @Option(names = "--jar", defaultValue = "tests-jcstress/target/jcstress.jar")
        Path jar;
        @Parameters(arity = "0..*")
        List<Path> inputs;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @AfterEach
    void clear() {
        System.clearProperty(ProfileSpecs.CALLER_DIR);
    }

    private static Probe run(String... args) {
        Probe p = new Probe();
        OneLineErrors.configure(new CommandLine(p)).execute(args);
        return p;
    }

    @Test
    void givenPathsResolveAgainstTheCallerDefaultsDoNot() {
        System.setProperty(ProfileSpecs.CALLER_DIR, "/home/me/kernel");
        Probe p = run("--out", "../out", "a.json", "/abs/b.json");
        assertEquals(Path.of("/home/me/kernel/../out"), p.out);
        assertEquals(Path.of("tests-jcstress/target/jcstress.jar"), p.jar, "a default stays the checkout's");
        assertEquals(List.of(Path.of("/home/me/kernel/a.json"), Path.of("/abs/b.json")), p.inputs);
        assertEquals(Path.of("-"), ProfileSpecs.file("-"), "standard input stays");
    }

    @Test
    void withoutACallerDirectoryNothingChanges() {
        Probe p = run("--out", "out", "a.json");
        assertEquals(Path.of("out"), p.out);
        assertEquals(Path.of("reports"), run().out);
        assertEquals(List.of(Path.of("a.json")), p.inputs);
    }
}
