package org.pcistress.tools.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every arrow in tools points down: {@code Main} on top, the command families below it, {@code cli}
 * under everything, and no package cycle (read from the source, see {@link PackageGraph}).
 */
class PackageCyclesTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final String TOOLS = "org.pcistress.tools";

    @Test
    void toolsHasNoPackageCycle() throws IOException {
        Map<String, Set<String>> g = PackageGraph.read(MAIN, TOOLS);
        assertTrue(g.size() >= 6, "read the tools packages: " + g.keySet());
        assertEquals(List.of(), PackageGraph.cycles(g), "package cycles in tools: " + g);
    }

    @Test
    void mainStandsAloneOnTopAndCliUnderEverything() throws IOException {
        Map<String, Set<String>> g = PackageGraph.read(MAIN, TOOLS);
        g.forEach((from, to) -> {
            if (!from.equals(TOOLS)) {
                assertTrue(!to.contains(TOOLS), from + " uses the top-level package " + TOOLS);
            }
        });
        assertEquals(Set.of(), g.get(TOOLS + ".cli"), "cli uses no other tools package");
    }

    @Test
    void aPlantedCycleIsFound(@TempDir Path src) throws IOException {
        write(src, "a/A.java", "package x.a;\n\nimport x.b.B;\n\nclass A { B b; }\n");
        write(src, "b/B.java", "package x.b;\n\nclass B { Object o = x.c.C.VALUE; }\n");
        write(src, "c/C.java", "package x.c;\n\n@Deps(uses = x.a.A.class)\nclass C { static final int VALUE = 1; }\n");
        write(src, "d/D.java", "package x.d;\n\nimport x.a.A;\nimport java.util.List;\n\nclass D { }\n");
        Map<String, Set<String>> g = PackageGraph.read(src, "x");
        assertEquals(Set.of("x.b"), g.get("x.a"), "an import");
        assertEquals(Set.of("x.c"), g.get("x.b"), "a qualified constant, which bytecode inlines");
        assertEquals(Set.of("x.a"), g.get("x.c"), "an annotation's class literal");
        assertEquals(List.of(Set.of("x.a", "x.b", "x.c")), PackageGraph.cycles(g), "x.d only points into it");
        g.get("x.c").clear();
        assertEquals(List.of(), PackageGraph.cycles(g), "cut one arrow and the cycle is gone");
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
