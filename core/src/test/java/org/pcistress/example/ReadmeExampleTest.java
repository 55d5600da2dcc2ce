package org.pcistress.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.entry.Triggers;
import org.pcistress.model.profile.Profiles;
import org.pcistress.model.profile.Variants;

/**
 * README.md's user-entry-point example is this package's {@link VendorResetVariants}, quoted
 * verbatim; installed through a services file it is a matrix row and a scenario name, races
 * sriov_numvfs into the AB-BA pci_dev_lock had before v5.19, and its own fix clears it.
 */
class ReadmeExampleTest {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL);

    private static String region(String text, String start, String end) {
        int a = text.indexOf(start);
        int b = text.indexOf(end, a);
        assertTrue(a >= 0 && b > a, "markers " + start + " … " + end + " not found");
        return text.substring(text.indexOf('\n', a) + 1, b);
    }

    @Test
    void theReadmeQuotesTheExampleVerbatim() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Path readme = Files.exists(root.resolve("README.md")) ? root.resolve("README.md") : root.getParent().resolve("README.md");
        String source = Files.readString(root.resolve("src/test/java/org/pcistress/example/VendorResetVariants.java"));
        String fromSource = region(source, "// readme-example:start", "// readme-example:end");
        String fromReadme = region(Files.readString(readme), "<!-- readme-example:start -->", "<!-- readme-example:end -->");
        assertEquals("```java\n" + fromSource + "```\n", fromReadme);
    }

    private static <T> T installed(Path jar, Callable<T> body) throws Exception {
        Path services = jar.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Variants.class.getName()), VendorResetVariants.class.getName() + "\n");
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, before)) {
            t.setContextClassLoader(loader);
            return body.call();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    @Test
    void installedItIsAMatrixRowAndRacesNumvfs(@TempDir Path jar) throws Exception {
        installed(jar, () -> {
            assertNotNull(Triggers.byId("vendor_reset"));
            PciTarget target = new PciTarget("v6.19");
            List<String> rows = target.entries().stream().map(Entry::id).toList();
            assertEquals("vendor_reset", rows.get(rows.size() - 1), rows.toString());
            List<Entry> cell = List.of(new Entry("vendor_reset", "-"), PciTarget.entry(EntryPoint.NUMVFS_N));
            ExploreResult r = Explorer.explore(target.plan(cell).scenario(), MINIMAL);
            assertEquals("DEADLOCK", r.verdict(), r.summary());
            assertTrue(r.shortest().text().contains("vendor_reset_store"), r.shortest().text());
            PciTarget fixed = new PciTarget(Profiles.named("v6.19").with(VendorResetVariants.DEVICE_LOCK_FIRST));
            ExploreResult ok = Explorer.explore(fixed.plan(cell).scenario(), MINIMAL);
            assertEquals("OK", ok.verdict(), ok.summary());
            assertTrue(ok.exhausted(), ok.coverage());
            return null;
        });
    }

    @Test
    void withoutTheProviderTheIdIsUnknown() {
        assertEquals(null, Triggers.byId("vendor_reset"));
    }
}
