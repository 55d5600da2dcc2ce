package org.pcistress.stress.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Machine-checks every scenario header against its {@code @Outcome}s (docs/STRESS.md, "The header
 * grammar"), as the kernel's {@code judgelitmus.sh} does for litmus tests.
 */
class ScenarioHeadersTest {
    private static final Path SOURCES = Path.of("src/main/java");
    /** Written by jcstress's annotation processor: one {@code JCTEST…} line per test the jar holds. */
    private static final Path TEST_LIST = Path.of("target/classes/META-INF/TestList");
    private static final Pattern TEST_NAME = Pattern.compile("^JCTEST\\d+S");
    /** A row of the index: {@code | `AER_01_BroadcastVsProbeSriov.Upstream414` | Sometimes DEADLOCK | …}. */
    private static final Pattern INDEX_ROW = Pattern.compile("^\\|\\s*`(\\w+_\\d{2}_\\w+\\.\\w+)`\\s*\\|([^|]+)\\|");

    @TestFactory
    Stream<DynamicTest> everyScenarioHeaderAgreesWithItsOutcomes() throws IOException {
        List<String> all = listedTests();
        return ScenarioSources.scenarioFiles(SOURCES).stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> {
                    Scenario s = ScenarioSources.load(SOURCES, file);
                    List<String> problems = HeaderRules.check(s, all);
                    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
                }));
    }

    @Test
    void theCheckSeesEveryTestTheJarHolds() throws Exception {
        List<String> seen = new ArrayList<>();
        for (Path file : ScenarioSources.scenarioFiles(SOURCES)) {
            for (Variant v : ScenarioSources.load(SOURCES, file).variants()) {
                seen.add(v.testName());
            }
        }
        List<String> listed = listedTests();
        assertFalse(listed.isEmpty(), "no tests in " + TEST_LIST);
        assertEquals(listed.stream().sorted().toList(), seen.stream().sorted().toList(),
                "the scenarios the header check found differ from the tests jcstress lists");
    }

    /**
     * docs/STRESS.md's scenario index cannot drift: every variant has a row naming it
     * ({@code `Outer.Variant`}) with its {@code Result:} text, and every row names a variant.
     */
    @Test
    void theScenarioIndexInStressMdListsEveryVariantWithItsResult() throws Exception {
        List<String> doc = Files.readAllLines(Path.of("../docs/STRESS.md"), StandardCharsets.UTF_8);
        List<String> rows = new ArrayList<>();
        for (String line : doc) {
            Matcher m = INDEX_ROW.matcher(line);
            if (m.find()) {
                rows.add(m.group(1) + " | " + m.group(2).strip());
            }
        }
        List<String> expected = new ArrayList<>();
        for (Path file : ScenarioSources.scenarioFiles(SOURCES)) {
            Scenario s = ScenarioSources.load(SOURCES, file);
            for (Variant v : s.variants()) {
                Matcher r = HeaderRules.RESULT.matcher(v.javadoc());
                assertTrue(r.find(), v.name());
                expected.add(s.simpleName() + "." + v.name() + " | " + r.group(1).strip());
            }
        }
        assertEquals(expected.stream().sorted().toList(), rows.stream().sorted().toList(),
                "docs/STRESS.md's scenario index differs from the headers");
    }

    /** The test names in jcstress's TestList: the first length-prefixed string of each line. */
    static List<String> listedTests() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(TEST_LIST, StandardCharsets.UTF_8)) {
            Matcher m = TEST_NAME.matcher(line);
            if (m.find()) {
                int len = Integer.parseInt(line.substring("JCTEST".length(), m.end() - 1));
                out.add(line.substring(m.end(), m.end() + len));
            }
        }
        return out;
    }
}
