package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.tools.stress.DeclaredOutcome.ACCEPTABLE;
import static org.pcistress.tools.stress.DeclaredOutcome.INTERESTING;
import static org.pcistress.tools.stress.Samples.L01;
import static org.pcistress.tools.stress.Samples.S01;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcistress.tools.cli.ExitCodes;

/** The verdict rules, on real captured output. */
class JudgeTest {
    private static final ProcessEnd CLEAN = ProcessEnd.exited(0);
    private static final ProcessEnd FAILURES = ProcessEnd.exited(1);

    private static Map<String, Verdict> verdicts(Judgement j) {
        Map<String, Verdict> m = new java.util.TreeMap<>();
        for (TestSummary t : j.tests()) {
            m.put(t.shortName(), t.verdict());
        }
        return m;
    }

    private static boolean mentions(Judgement j, String fragment) {
        return j.problems().stream().anyMatch(p -> p.contains(fragment));
    }

    @Test
    void happyPath() {
        Judgement j = Judge.judge(Samples.locking01(), Samples.parse("locking01-sanity-v.txt"), CLEAN);
        assertEquals(ExitCodes.OK, j.exitCode(), j.problems()::toString);
        assertTrue(j.complete());
        assertEquals(List.of(), j.problems());
        assertEquals(2, j.testsRan());
        TestSummary abba = j.tests().get(0);
        assertEquals(Verdict.PASSED, abba.verdict());
        assertTrue(abba.canary());
        assertEquals(Map.of("OK", 2), abba.configurations());
        OutcomeSummary deadlock = abba.outcomes().stream().filter(o -> o.id().equals("DEADLOCK")).findFirst().orElseThrow();
        assertEquals(2, deadlock.count());
        assertEquals(INTERESTING, deadlock.expect());
        assertEquals(250_000.0, deadlock.perMillion());
        assertEquals(Verdict.PASSED, j.tests().get(1).verdict());
    }

    @Test
    void aFixWithTooFewSamplesIsInconclusiveNotPassedAndTheCanaryIsUnaffected() {
        long fixedSamples = Judge.judge(Samples.locking01(), Samples.parse("locking01-sanity-v.txt"), CLEAN)
                .tests().get(1).samples();
        Judgement weak = Judge.judge(Samples.locking01(), Samples.parse("locking01-sanity-v.txt"), CLEAN, fixedSamples + 1);
        assertEquals(ExitCodes.HARNESS, weak.exitCode(), "too little evidence: the run cannot vouch for the fix");
        assertEquals(Verdict.PASSED, weak.tests().get(0).verdict(), "a canary's shown bug is evidence at any count");
        TestSummary fixed = weak.tests().get(1);
        assertEquals(Verdict.INCONCLUSIVE, fixed.verdict());
        assertTrue(fixed.reason().contains(String.format(java.util.Locale.ROOT, "in only %,d samples, fewer than the %,d",
                fixedSamples, fixedSamples + 1)), fixed.reason());
        assertTrue(mentions(weak, "INCONCLUSIVE Locking_01_MutexVsRwsemReadABBA.FixedOrder"), weak.problems()::toString);
        Judgement enough = Judge.judge(Samples.locking01(), Samples.parse("locking01-sanity-v.txt"), CLEAN, fixedSamples);
        assertEquals(Verdict.PASSED, enough.tests().get(1).verdict());
    }

    @Test
    void theMinimumScalesWithTheBudgetAndNeverDropsBelowAThousand() {
        RunPlan ci = RunPlan.forBudget(java.time.Duration.ofMinutes(5), 21, 2);
        RunPlan nightly = RunPlan.forBudget(java.time.Duration.ofMinutes(40), 21, 2);
        assertEquals(1_000, ci.minSamples(), ci::toString);
        assertTrue(nightly.minSamples() > 5 * ci.minSamples(), nightly::toString);
        // what the CI pass measured on the loaded 2-core machine: 2,513 to 5,474 samples per fixed variant
        assertTrue(ci.minSamples() * 2 <= 2_513);
    }

    @Test
    void aForbiddenOutcomeIsARegressionWhateverElseWentWrong() {
        List<DeclaredTest> all = List.of(Samples.forbidden(), Samples.silent(), Samples.slow(), Samples.throwsTest());
        Judgement j = Judge.judge(all, Samples.parse("statuses-sanity.txt"), FAILURES);
        assertEquals(ExitCodes.REGRESSION, j.exitCode());
        assertTrue(j.complete(), "exit 1 after TEST FAILURES is how jcstress ends a run with failures");
        assertEquals(Verdict.FAILED, verdicts(j).get("Scratch_01_Statuses.Forbidden"));
        assertTrue(mentions(j, "FORBIDDEN outcome seen: BAD x6"));
    }

    @Test
    void timeoutAndErrorAreHarnessFailuresAndOutrankASilentCanary() {
        List<DeclaredTest> noForbidden = List.of(Samples.silent(), Samples.slow(), Samples.throwsTest());
        Judgement j = Judge.judge(noForbidden, Samples.parse("statuses-sanity.txt"), FAILURES);
        assertEquals(ExitCodes.HARNESS, j.exitCode());
        Map<String, Verdict> v = verdicts(j);
        assertEquals(Verdict.TIMEOUT, v.get("Scratch_01_Statuses.Slow"));
        assertEquals(Verdict.ERROR, v.get("Scratch_01_Statuses.Throws"));
        assertEquals(Verdict.CANARY_SILENT, v.get("Scratch_01_Statuses.Silent"));
        assertTrue(mentions(j, "2 configuration(s) timed out: Timeout waiting for tasks to complete"));
        assertFalse(mentions(j, "lost its teeth"), "a broken harness proves nothing about a silent canary");
    }

    @Test
    void aSilentCanaryInAHealthyRunFailsTheNightly() {
        // Pretend FixedOrder were known to deadlock: it declares DEADLOCK interesting and never shows it.
        List<DeclaredTest> tests = List.of(Samples.abba(), Samples.fixedOrder(INTERESTING));
        Judgement j = Judge.judge(tests, Samples.parse("locking01-sanity-v.txt"), CLEAN);
        assertEquals(ExitCodes.REGRESSION, j.exitCode());
        assertEquals(Verdict.CANARY_SILENT, verdicts(j).get("Locking_01_MutexVsRwsemReadABBA.FixedOrder"));
        assertTrue(mentions(j, "the harness has lost its teeth"));
        assertTrue(mentions(j, "its known bug DEADLOCK never showed in 8 samples"));
    }

    @Test
    void fewerTestsRanThanTheJarHolds() {
        List<DeclaredTest> tests = new ArrayList<>(Samples.locking01());
        tests.add(new DeclaredTest(L01 + "Dropped", List.of(new DeclaredOutcome("OK", ACCEPTABLE, "fine"))));
        Judgement j = Judge.judge(tests, Samples.parse("locking01-sanity-v.txt"), CLEAN);
        assertEquals(ExitCodes.HARNESS, j.exitCode());
        assertEquals(Verdict.NOT_RUN, verdicts(j).get("Locking_01_MutexVsRwsemReadABBA.Dropped"));
        assertTrue(mentions(j, "only 2 of 3 tests ran"));
    }

    @Test
    void aKilledRunIsIncompleteAndKeepsWhatItHad() {
        ConsoleParser partial = Samples.parseFirst("locking01-sanity-v.txt", 120);
        Judgement j = Judge.judge(Samples.locking01(), partial, ProcessEnd.killed("the hard limit of 1m was reached"));
        assertEquals(ExitCodes.HARNESS, j.exitCode());
        assertFalse(j.complete());
        assertTrue(mentions(j, "INCOMPLETE: killed: the hard limit of 1m was reached"));
        assertTrue(j.tests().get(0).samples() > 0, "the configurations that finished are kept");
    }

    @Test
    void anUnexpectedExitOrACrashOfJcstressIsAHarnessFailure() {
        Judgement late = Judge.judge(Samples.locking01(), Samples.parse("locking01-sanity-v.txt"), ProcessEnd.exited(137));
        assertEquals(ExitCodes.HARNESS, late.exitCode());
        assertTrue(mentions(late, "jcstress exited 137 after its final report"));

        ConsoleParser crashed = ConsoleParser.parse(List.of("Exception in thread \"main\" java.lang.OutOfMemoryError"));
        Judgement j = Judge.judge(Samples.locking01(), crashed, ProcessEnd.exited(1));
        assertEquals(ExitCodes.HARNESS, j.exitCode());
        assertTrue(mentions(j, "jcstress failed: Exception in thread \"main\" java.lang.OutOfMemoryError"));
        assertTrue(mentions(j, "only 0 of 2 tests ran"));
    }

    @Test
    void anOutcomeNothingDeclaresIsForbidden() {
        List<String> lines = new ArrayList<>(Samples.lines("locking01-sanity-v.txt"));
        lines.replaceAll(l -> l.replace("  LOCKING_BUG        0    0.00%    Forbidden",
                "     MYSTERY        3    0.00%      Unknown"));
        Judgement j = Judge.judge(Samples.locking01(), ConsoleParser.parse(lines), CLEAN);
        assertEquals(ExitCodes.REGRESSION, j.exitCode());
        assertTrue(mentions(j, "FORBIDDEN outcome seen: MYSTERY x"));
    }

    @Test
    void noSamplesIsAnError() {
        List<String> lines = new ArrayList<>(Samples.lines("locking01-sanity-v.txt"));
        lines.replaceAll(l -> l.matches("\\s+(OK|DEADLOCK)\\s+\\d+\\s.*") ? l.replaceFirst("\\d+", "0") : l);
        Judgement j = Judge.judge(Samples.locking01(), ConsoleParser.parse(lines), CLEAN);
        assertEquals(ExitCodes.HARNESS, j.exitCode());
        assertTrue(mentions(j, "ERROR Locking_01_MutexVsRwsemReadABBA.FixedOrder: no samples"));
    }

    @Test
    void noSelectedTestIsAHarnessFailure() {
        Judgement j = Judge.judge(List.of(), Samples.parse("locking01-sanity-v.txt"), CLEAN);
        assertEquals(ExitCodes.HARNESS, j.exitCode());
        assertTrue(mentions(j, "which the jar's test list does not have"));
    }
}
