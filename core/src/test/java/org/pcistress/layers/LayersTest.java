package org.pcistress.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every arrow points down: no package cycle in core, each package above the ones it uses
 * (model.entry → {aer, eeh, hotplug} → pci → profile; model.change → profile → kernel.locking → kernel; explore above
 * kernel.locking, explore.matrix above model.entry), and no main class over the ~300-line rule.
 * Runs in core's module directory, on {@code target/classes} and {@code src/main/java}.
 */
class LayersTest {
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final int MAX_LINES = 300;

    /** A package may use only packages of a lower rank; packages not listed are held only to "no cycle". */
    private static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("org.pcistress.kernel", 0),
            Map.entry("org.pcistress.kernel.locking", 1),
            Map.entry("org.pcistress.explore", 2),
            Map.entry("org.pcistress.model.profile", 2),
            Map.entry("org.pcistress.model.pci", 3),
            Map.entry("org.pcistress.model.change", 3),
            Map.entry("org.pcistress.model.aer", 4),
            Map.entry("org.pcistress.model.eeh", 4),
            Map.entry("org.pcistress.model.hotplug", 4),
            Map.entry("org.pcistress.model.entry", 5),
            Map.entry("org.pcistress.explore.matrix", 6));

    private static PackageGraph core() {
        PackageGraph g = new PackageGraph();
        g.addJdeps(CLASSES, "org.pcistress");
        g.addImports(SOURCES, "org.pcistress");
        return g;
    }

    @Test
    void coreHasNoPackageCycle() {
        PackageGraph g = core();
        assertTrue(g.edges().containsKey("org.pcistress.model.pci"), "the graph was read: " + g.edges().keySet());
        assertEquals(List.of(), g.cycles(), "package cycles in core");
    }

    @Test
    void everyArrowPointsDown() {
        List<String> up = new ArrayList<>();
        core().edges().forEach((from, tos) -> {
            for (String to : tos) {
                Integer a = RANK.get(from);
                Integer b = RANK.get(to);
                if (a != null && b != null && a <= b) {
                    up.add(from + " -> " + to);
                }
            }
        });
        assertEquals(List.of(), up, "edges that do not point to a lower layer");
    }

    @Test
    void theCycleFinderFindsAPlantedCycle() {
        PackageGraph g = new PackageGraph();
        g.add("a", "b");
        g.add("b", "c");
        g.add("c", "a");
        g.add("c", "d");
        g.add("d", "e");
        g.add("e", "d");
        g.add("e", "e");
        g.add("f", "a");
        assertEquals(List.of(List.of("d", "e"), List.of("a", "b", "c")), g.cycles());

        PackageGraph layered = new PackageGraph();
        layered.add("entry", "aer");
        layered.add("entry", "pci");
        layered.add("aer", "pci");
        assertEquals(List.of(), layered.cycles());
    }

    @Test
    void noCoreMainClassIsOverTheLineRule() {
        Map<String, Integer> over = over(SOURCES, MAX_LINES);
        assertEquals(Map.of(), over, "core main files over " + MAX_LINES + " lines (path -> lines)");
        assertTrue(lines(SOURCES.resolve("org/pcistress/model/pci/PciCore.java")) > 100, "the files were read");
    }

    @Test
    void theLineCountFindsAPlantedLongFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("p"));
        Files.writeString(dir.resolve("p/Long.java"), "//\n".repeat(MAX_LINES + 1));
        Files.writeString(dir.resolve("p/Short.java"), "//\n".repeat(MAX_LINES));
        assertEquals(Map.of("p/Long.java", MAX_LINES + 1), over(dir, MAX_LINES));
        assertEquals(Set.of(), over(dir, MAX_LINES + 1).keySet());
    }

    /** Every {@code .java} file under {@code root} with more than {@code max} lines, by relative path. */
    static Map<String, Integer> over(Path root, int max) {
        Map<String, Integer> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                int n = lines(f);
                if (n > max) {
                    out.put(root.relativize(f).toString().replace('\\', '/'), n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int lines(Path f) {
        try {
            return Files.readAllLines(f).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
