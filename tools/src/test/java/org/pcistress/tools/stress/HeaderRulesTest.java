package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.tools.stress.DeclaredOutcome.ACCEPTABLE;
import static org.pcistress.tools.stress.DeclaredOutcome.FORBIDDEN;
import static org.pcistress.tools.stress.DeclaredOutcome.INTERESTING;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header check fails where it must: one broken rule at a time, on synthetic scenarios. */
class HeaderRulesTest {
    private static final String PKG = "org.pcistress.stress.x.";
    private static final String HEADER = String.join("\n",
            "Race.",
            "<pre>",
            "Actor 1, aer_isr:    down_read(pci_bus_sem)",
            "Actor 2, bind_store: mutex_lock(&dev->mutex)",
            "Lock chain: T1: A → B; T2: B → A",
            "</pre>",
            "<p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t X_01 -m quick}",
            "<pre>",
            ".......... [OK] org.pcistress.stress.x.X_01_Race.Broken",
            "     RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION",
            "   DEADLOCK       20   17.86%  Interesting  ABBA",
            "         OK   12,092   82.14%   Acceptable  fine",
            ".......... [OK] org.pcistress.stress.x.X_01_Race.Fixed",
            "     RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION",
            "   DEADLOCK        0    0.00%    Forbidden  ABBA",
            "         OK      112  100.00%   Acceptable  fine",
            "</pre>",
            "");
    private static final List<String> ALL = List.of(PKG + "X_01_Race.Broken", PKG + "X_01_Race.Fixed");

    private static Scenario.Variant broken(String result, List<DeclaredOutcome> outcomes) {
        return new Scenario.Variant("Broken", PKG + "X_01_Race.Broken", "Broken.\n\n<p>" + result + "\n", outcomes, 2, 1);
    }

    private static Scenario.Variant fixed(String result, List<DeclaredOutcome> outcomes) {
        return new Scenario.Variant("Fixed", PKG + "X_01_Race.Fixed", "Fixed.\n\n<p>" + result + "\n", outcomes, 2, 1);
    }

    private static List<DeclaredOutcome> outcomes(String deadlock) {
        return List.of(new DeclaredOutcome("OK", ACCEPTABLE, "fine"), new DeclaredOutcome("DEADLOCK", deadlock, "ABBA"),
                new DeclaredOutcome("", FORBIDDEN, "anything else"));
    }

    private static Scenario good() {
        return new Scenario("X_01_Race", "x", HEADER, List.of(
                broken("Result: Sometimes DEADLOCK", outcomes(INTERESTING)),
                fixed("Result: Never", outcomes(FORBIDDEN))));
    }

    private static List<String> problems(Scenario s) {
        return HeaderRules.check(s, ALL);
    }

    private static void assertProblem(Scenario s, String fragment) {
        List<String> p = problems(s);
        assertTrue(p.stream().anyMatch(x -> x.contains(fragment)), () -> "expected '" + fragment + "' in " + p);
    }

    @Test
    void aWellFormedScenarioPasses() {
        assertEquals(List.of(), problems(good()));
    }

    @Test
    void sometimesNeedsTheBugAcceptableInteresting() {
        Scenario s = new Scenario("X_01_Race", "x", HEADER, List.of(
                broken("Result: Sometimes DEADLOCK", outcomes(FORBIDDEN)), good().variants().get(1)));
        assertProblem(s, "'Result: Sometimes DEADLOCK' but its ACCEPTABLE_INTERESTING outcomes are none");
    }

    @Test
    void neverForbidsEverySiblingsBug() {
        List<DeclaredOutcome> noDeadlock = List.of(new DeclaredOutcome("OK", ACCEPTABLE, "fine"),
                new DeclaredOutcome("", FORBIDDEN, "anything else"));
        Scenario s = new Scenario("X_01_Race", "x", HEADER, List.of(good().variants().get(0), fixed("Result: Never", noDeadlock)));
        assertProblem(s, "the bug 'DEADLOCK' of a sibling variant is not declared FORBIDDEN here");
    }

    @Test
    void neverWithAnInterestingOutcomeFails() {
        Scenario s = new Scenario("X_01_Race", "x", HEADER, List.of(good().variants().get(0),
                fixed("Result: Never", outcomes(INTERESTING))));
        assertProblem(s, "'Result: Never' but its ACCEPTABLE_INTERESTING outcomes are [DEADLOCK]");
    }

    @Test
    void aCatchAllMustBeForbidden() {
        List<DeclaredOutcome> o = new ArrayList<>(outcomes(INTERESTING));
        o.set(2, new DeclaredOutcome("", ACCEPTABLE, "whatever"));
        Scenario s = new Scenario("X_01_Race", "x", HEADER, List.of(broken("Result: Sometimes DEADLOCK", o),
                good().variants().get(1)));
        assertProblem(s, "a catch-all outcome must be FORBIDDEN");
    }

    @Test
    void malformedOrMissingResultLinesFail() {
        assertProblem(new Scenario("X_01_Race", "x", HEADER, List.of(
                broken("Result: DEADLOCK", outcomes(INTERESTING)), good().variants().get(1))),
                "is neither 'Never' nor 'Sometimes ID");
        assertProblem(new Scenario("X_01_Race", "x", HEADER, List.of(
                broken("Outcome: Sometimes DEADLOCK", outcomes(INTERESTING)), good().variants().get(1))),
                "no 'Result:' line");
    }

    @Test
    void moreThanTwoActorsFail() {
        Scenario.Variant v = good().variants().get(0);
        Scenario.Variant three = new Scenario.Variant(v.name(), v.testName(), v.javadoc(), v.outcomes(), 3, 1);
        assertProblem(new Scenario("X_01_Race", "x", HEADER, List.of(three, good().variants().get(1))), "3 actors");
    }

    @Test
    void theHeaderNeedsChainsRunLineAndTables() {
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("Lock chain:", "Locks:"), good().variants()),
                "lacks the 'Lock chain:' line");
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("Actor 2", "Writer"), good().variants()),
                "call chain per actor");
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("-t X_01", "-t Y_01"), good().variants()),
                "does not select Broken");
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("X_01_Race.Fixed", "X_01_Race.Other"), good().variants()),
                "no pasted result table");
    }

    @Test
    void theRunLineMustNotSelectOtherScenarios() {
        List<String> all = List.of(ALL.get(0), ALL.get(1), PKG + "X_01_RaceTwo.Broken");
        List<String> p = HeaderRules.check(new Scenario("X_01_Race", "x", HEADER, good().variants()), all);
        assertTrue(p.stream().anyMatch(x -> x.contains("also selects " + PKG + "X_01_RaceTwo.Broken")), p::toString);
    }

    @Test
    void thePastedTableMustBeCurrentAndShowTheBug() {
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("DEADLOCK       20", "DEADLOCK        0"),
                good().variants()), "never shows it");
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("DEADLOCK        0    0.00%    Forbidden",
                "DEADLOCK        3    0.10%    Forbidden"), good().variants()), "shows the FORBIDDEN 'DEADLOCK' 3 times");
        assertProblem(new Scenario("X_01_Race", "x", HEADER.replace("Interesting  ABBA", "Forbidden  ABBA"),
                good().variants()), "paste a fresh table");
    }

    @Test
    void notObservedExcusesAnEmptyTableRowButIsSaidOutLoud() {
        Scenario.Variant v = good().variants().get(0);
        Scenario.Variant quiet = new Scenario.Variant(v.name(), v.testName(), v.javadoc() + "Not observed: DEADLOCK\n", v.outcomes(), 2, 1);
        Scenario s = new Scenario("X_01_Race", "x", HEADER.replace("DEADLOCK       20", "DEADLOCK        0"),
                List.of(quiet, good().variants().get(1)));
        assertEquals(List.of(), problems(s));
    }

    @Test
    void theNameMustBeAreaNumberRace() {
        assertProblem(new Scenario("Race", "x", HEADER, good().variants()), "not <Area>_<NN>_<Race>");
    }

    @Test
    void javadocIsFoundAcrossAnnotationsWithStrings() {
        String src = String.join("\n",
                "/** Outer. */",
                "public final class X_01_Race {",
                "    /**",
                "     * Broken.",
                "     *",
                "     * <p>Result: Sometimes DEADLOCK",
                "     */",
                "    @Outcome(id = \"OK\", expect = ACCEPTABLE, desc = \"a; b {c}\")",
                "    public static class Broken {",
                "    }",
                "    int x;",
                "    public static class Undocumented {",
                "    }",
                "}");
        assertEquals("Broken.\n\n<p>Result: Sometimes DEADLOCK\n", ScenarioCatalog.javadocBefore(src, "Broken"));
        assertEquals("", ScenarioCatalog.javadocBefore(src, "Undocumented"));
        assertEquals("Outer.\n", ScenarioCatalog.javadocBefore(src, "X_01_Race"));
    }
}
