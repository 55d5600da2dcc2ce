package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.report.JunitXmlTest;
import org.w3c.dom.Element;

/** summary.json's variants as JUnit testcases: FORBIDDEN and silent canaries fail, the harness errs. */
class StressJunitTest {
    @TempDir
    Path tmp;

    private static TestSummary test(String name, Verdict v, String reason, long samples, OutcomeSummary... outcomes) {
        return new TestSummary(name, v, reason, Map.of("OK", 1), samples, false, List.of(), List.of(outcomes), List.of());
    }

    @Test
    void eachVariantIsATestcaseWithItsOutcomeTable() throws Exception {
        RunSummary s = new RunSummary("DONE", "REGRESSION", 1, true, null, "2026-11-30T02:44:52Z",
                "2026-11-30T02:49:52Z", 300, 300, 240, 1, 857, List.of("java", "-jar", "jcstress.jar"), 3, 3, 3, 3,
                List.of(), List.of(
                        test("org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.Upstream618", Verdict.PASSED,
                                "its known bug showed", 4898, new OutcomeSummary("DEADLOCK", 3644, "ACCEPTABLE_INTERESTING",
                                        743977.1, true)),
                        test("org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.FixedDetachOutsideRescan", Verdict.FAILED,
                                "FORBIDDEN DEADLOCK showed", 5026, new OutcomeSummary("OK", 5020, "ACCEPTABLE", 998806.2, true),
                                new OutcomeSummary("DEADLOCK", 6, "FORBIDDEN", 1193.8, true)),
                        test("org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.Upstream510", Verdict.NOT_RUN,
                                "no configuration of it reported", 0)));
        SummaryWriter.write(tmp, s);
        String xml = Files.readString(tmp.resolve("junit.xml"));
        JunitXmlTest.validate(xml);
        Element suite = (Element) JunitXmlTest.parse(xml).getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("errors"));
        assertEquals("2026-11-30T02:44:52", suite.getAttribute("timestamp"));
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertEquals("FAILED", failure.getAttribute("type"));
        assertEquals("FAILED: FORBIDDEN DEADLOCK showed", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("DEADLOCK                              6  FORBIDDEN"), failure.getTextContent());
        Element first = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove", first.getAttribute("classname"));
        assertEquals("Upstream618", first.getAttribute("name"));
        assertTrue(Files.readString(tmp.resolve("summary.json")).startsWith("{\n  \"schema\" : \"pcistress.stress-summary/1.1\""));
    }
}
