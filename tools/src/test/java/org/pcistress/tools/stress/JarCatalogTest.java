package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void readsTheTwoNamesOfATestListLine() {
        String line = "JCTEST10Sa.b.C.Abba10Sa.b.C$Abba12Sa_b_C_Abba_x4Snull1I2";
        assertArrayEquals(new String[] {"a.b.C.Abba", "a.b.C$Abba"}, JarCatalog.testNames(line));
        assertNull(JarCatalog.testNames("JCTEST99Sshort"));
        assertNull(JarCatalog.testNames("something else"));
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
}
