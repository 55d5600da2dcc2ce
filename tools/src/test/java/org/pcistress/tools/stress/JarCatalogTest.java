package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JarCatalogTest {
    /** Built before this module in the reactor (modules: core, tests-jcstress, benchmarks-jmh, tools). */
    private static final Path JAR = Path.of("../tests-jcstress/target/jcstress.jar");

    @Test
    void readsATestListLine() {
        String line = "JCTEST10Sa.b.C.Abba10Sa.b.C$Abba12Sa_b_C_Abba_x4Snull1I26Sactor16Sactor21BF1I3"
                + "1I02Sok1I12SOK1I14Sbad!1I18SDEADLOCK1I24Srest1I01I0";
        DeclaredTest t = ScenarioCatalog.listedTest(line);
        assertEquals("a.b.C.Abba", t.name());
        assertEquals(List.of("actor1", "actor2"), t.actors());
        assertEquals(List.of(new DeclaredOutcome("OK", DeclaredOutcome.ACCEPTABLE, "ok"),
                new DeclaredOutcome("DEADLOCK", DeclaredOutcome.INTERESTING, "bad!"),
                new DeclaredOutcome("", DeclaredOutcome.FORBIDDEN, "rest")), t.outcomes());
        assertNull(ScenarioCatalog.listedTest("JCTEST99Sshort"));
        assertNull(ScenarioCatalog.listedTest("something else"));
    }

    @Test
    void readsTheDeclaredOutcomesFromTheRealJar() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "build tests-jcstress first (the reactor does)");
        List<DeclaredTest> tests = JarCatalog.read(JAR, Pattern.compile("Locking_01"));
        assertEquals(List.of(Samples.L01 + "Abba", Samples.L01 + "FixedOrder"), tests.stream().map(DeclaredTest::name).toList());
        DeclaredTest abba = tests.get(0);
        assertEquals(List.of("DEADLOCK"), abba.bugIds());
        assertTrue(abba.canary());
        assertEquals(DeclaredOutcome.FORBIDDEN, abba.expectOf("HUNG_TASK"));
        assertEquals(DeclaredOutcome.FORBIDDEN, abba.expectOf("SOMETHING_ELSE"), "the catch-all");
        DeclaredTest fixed = tests.get(1);
        assertEquals(List.of(), fixed.bugIds());
        assertEquals(DeclaredOutcome.FORBIDDEN, fixed.expectOf("DEADLOCK"));
        assertTrue(JarCatalog.read(JAR, Pattern.compile("NoSuchTest")).isEmpty());
    }

    /** A fix variant's forbidden set comes from its @JCStressMeta class: jcstress lists it, so the catalog sees it. */
    @Test
    void readsOutcomesSharedThroughJcstressMeta() throws Exception {
        assumeTrue(Files.isRegularFile(JAR), "build tests-jcstress first (the reactor does)");
        DeclaredTest fixed = JarCatalog.read(JAR, Pattern.compile("SRIOV_02_VfDoubleRemoval\\.FixedDetachOutsideRescan$")).get(0);
        assertEquals(List.of(), fixed.bugIds());
        assertEquals(DeclaredOutcome.ACCEPTABLE, fixed.expectOf("OK"));
        for (String bug : List.of("DOUBLE_REMOVE", "USE_AFTER_FREE", "REFCOUNT_UNDERFLOW", "LIST_CORRUPTION", "DEADLOCK")) {
            assertTrue(fixed.outcomes().stream().anyMatch(o -> o.id().equals(bug) && o.expect().equals(DeclaredOutcome.FORBIDDEN)
                    && o.desc().endsWith(" Forbidden here.")), bug + " in " + fixed.outcomes());
        }
    }
}
