package org.pcistress.model.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's jar with a {@code META-INF/services} entry is found, and its fix composes like a
 * built-in one. The provider is made visible through a class loader of the test's own, so the
 * other tests' registries stay the built-in ones.
 */
class VariantsTest {

    @Test
    void aProviderListedInAJarsServicesFileIsFound(@TempDir Path jar) throws IOException {
        Path services = jar.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(Variants.class.getName()), ExampleVariants.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            List<Variants> found = Variants.installed(loader);
            assertEquals(1, found.size());
            Fix fix = found.get(0).fixes().get(0);
            Profile p = Profiles.named("v5.10").with(fix);
            assertEquals("v5.10+numvfs-rescan-lock", p.name());
            assertEquals(LockStep.RESCAN_REMOVE, p.steps(KernelPath.SRIOV_NUMVFS_STORE).get(0));
            assertEquals("vendor-5.10", found.get(0).profiles().get(0).name());
        }
    }

    @Test
    void withoutAProviderOnlyTheBuiltInVariantsAreKnown() {
        assertEquals(List.of(), Variants.installed(getClass().getClassLoader()));
        assertFalse(Fixes.names().contains("numvfs-rescan-lock"));
    }
}
