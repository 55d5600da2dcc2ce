package org.pcistress.tools.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.Main;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.stress.DeclaredTest;
import org.pcistress.tools.stress.HeaderRules;
import org.pcistress.tools.stress.Scenario;
import org.pcistress.tools.stress.ScenarioCatalog;
import picocli.CommandLine;

/**
 * Machine-checks every scenario header against its outcomes (docs/STRESS.md, "The header grammar"),
 * as the kernel's {@code judgelitmus.sh} does for litmus tests: through the one catalog, and through
 * {@code pcistress scenario-index --check}, which {@code ./pcistress test} thereby runs. The scenarios
 * are built before this module in the reactor (modules: core, tests-jcstress, benchmarks-jmh, tools).
 */
class ScenarioHeadersTest {
    private final Path root = Repo.root();

    private Map<String, DeclaredTest> listed() throws IOException {
        Map<String, DeclaredTest> listed = ScenarioCatalog.testList(root);
        assertFalse(listed.isEmpty(), "no " + ScenarioCatalog.TEST_LIST + ": build tests-jcstress first");
        return listed;
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioHeaderAgreesWithItsOutcomes() throws IOException {
        Map<String, DeclaredTest> listed = listed();
        List<Scenario> all = ScenarioCatalog.read(root.resolve(ScenarioCatalog.SOURCES), listed);
        assertTrue(all.size() >= 6, "read the scenarios: " + all.size());
        return all.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            List<String> problems = HeaderRules.check(s, listed.keySet());
            assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        }));
    }

    @Test
    void theCheckSeesEveryTestTheJarHolds() throws IOException {
        Map<String, DeclaredTest> listed = listed();
        List<Scenario> all = ScenarioCatalog.read(root.resolve(ScenarioCatalog.SOURCES), listed);
        assertEquals(listed.keySet().stream().sorted().toList(), ScenarioCatalog.testNames(all),
                "the scenarios the header check found differ from the tests jcstress lists");
        all.forEach(s -> s.variants().forEach(v -> assertFalse(v.outcomes().isEmpty(), v.testName())));
    }

    /** docs/STRESS.md's scenario index cannot drift: a row per variant with its Result: text, and no other. */
    @Test
    void theScenarioIndexInStressMdListsEveryVariantWithItsResult() throws IOException {
        assertEquals(List.of(), ScenarioIndex.read(root).stressMdDrift(Files.readString(root.resolve(ScenarioIndex.STRESS))));
    }

    @Test
    void scenarioIndexCheckPassesOnTheRepository() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.OK, check(root, err), err.toString());
    }

    /** The check fails where it must: one variant's Result: line no longer matches its outcomes. */
    @Test
    void scenarioIndexCheckFailsOnABrokenHeader(@TempDir Path copy) throws IOException {
        for (Path rel : List.of(ScenarioIndex.README, ScenarioIndex.SCENARIOS, ScenarioIndex.STRESS, ScenarioCatalog.TEST_LIST)) {
            Files.createDirectories(copy.resolve(rel).getParent());
            Files.copy(root.resolve(rel), copy.resolve(rel));
        }
        Path sources = root.resolve(ScenarioCatalog.SOURCES);
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = copy.resolve(ScenarioCatalog.SOURCES).resolve(sources.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
        Path locking = copy.resolve(ScenarioCatalog.SOURCES).resolve("locking/Locking_01_MutexVsRwsemReadABBA.java");
        String src = Files.readString(locking);
        assertTrue(src.contains("<p>Result: Sometimes DEADLOCK"), "the planted fault needs this line");
        Files.writeString(locking, src.replaceFirst("<p>Result: Sometimes DEADLOCK", "<p>Result: Never"));
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.REGRESSION, check(copy, err));
        assertTrue(err.toString().contains("Locking_01_MutexVsRwsemReadABBA.Abba: 'Result: Never' but its "
                + "ACCEPTABLE_INTERESTING outcomes are [DEADLOCK]"), err.toString());
        assertTrue(err.toString().contains("out of date"), "the generated indexes are stale too: " + err);
        assertTrue(err.toString().lines().allMatch(l -> l.startsWith("pcistress scenario-index: ")), err.toString());
    }

    @Test
    void scenarioIndexCheckNeedsTheBuiltScenarios(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve("README.md"), ScenarioIndex.BEGIN + "\n" + ScenarioIndex.END + "\n");
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, check(empty, err));
        assertTrue(err.toString().contains("build the scenarios first"), err.toString());
    }

    private static int check(Path root, StringWriter err) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true));
        return cl.execute("scenario-index", "--check", "--root", root.toString());
    }
}
