package org.pcistress.tools.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcistress.tools.stress.Scenario;
import org.pcistress.tools.stress.ScenarioCatalog;

/** The committed scenario index is what the generator makes of the scenario headers. */
class ScenarioIndexTest {
    private final Path root = Repo.root();

    @Test
    void theCommittedIndexMatchesTheHeaders() throws IOException {
        ScenarioIndex index = ScenarioIndex.read(root);
        String readme = Files.readString(root.resolve(ScenarioIndex.README));
        assertEquals(index.spliceInto(readme), readme, "README.md's scenario index is stale: run ./pcistress scenario-index");
        assertEquals(index.scenariosFile(), Files.readString(root.resolve(ScenarioIndex.SCENARIOS)),
                "docs/SCENARIOS.md is stale: run ./pcistress scenario-index");
    }

    @Test
    void everyScenarioHasAResultPerVariantAndARunLine() throws IOException {
        for (Scenario s : ScenarioIndex.read(root).scenarios()) {
            assertTrue(!s.variants().isEmpty(), s.name());
            s.variants().forEach(v -> assertTrue(v.result().matches("Never|Sometimes [A-Z_, ]+"), s.name() + "." + v));
            assertTrue(s.run().startsWith("java -jar tests-jcstress/target/jcstress.jar -t "), s.name() + ": " + s.run());
        }
    }

    @Test
    void parsesAHeader() {
        String src = """
                package org.pcistress.stress.sriov;
                /**
                 * SRIOV_01: {@code sriov_numvfs_store()} against <em>remove</em> &amp; rescan.
                 * Second line of the first paragraph.
                 *
                 * <pre>
                 * Actor 1, numvfs: sriov_numvfs_store   device_lock(PF)
                 * Lock chain:  Upstream: T1: &amp;dev-&gt;mutex → pci_rescan_remove_lock
                 * </pre>
                 *
                 * <p>Run: {@code java -jar tests-jcstress/target/jcstress.jar -t SRIOV_01 -m quick}
                 */
                public final class SRIOV_01_NumvfsVsRemove {
                    /**
                     * As the kernel has it.
                     *
                     * <p>Result: Sometimes DEADLOCK, VF_LEAKED
                     */
                    @JCStressTest
                    @Outcome(id = "OK", expect = ACCEPTABLE, desc = "fine")
                    public static class Upstream {
                    }

                    /** <p>Result: Never */
                    @JCStressTest
                    public static class FixedRescanLock {
                    }
                }
                """;
        Scenario h = ScenarioCatalog.parse("SRIOV_01_NumvfsVsRemove", "sriov", src, Map.of());
        assertEquals("`sriov_numvfs_store()` against *remove* & rescan. Second line of the first paragraph.", h.summary());
        assertEquals(List.of("Upstream: Sometimes DEADLOCK, VF_LEAKED", "FixedRescanLock: Never"),
                h.variants().stream().map(v -> v.name() + ": " + v.result()).toList());
        assertEquals("org.pcistress.stress.sriov.SRIOV_01_NumvfsVsRemove.Upstream", h.variants().get(0).testName());
        assertEquals("java -jar tests-jcstress/target/jcstress.jar -t SRIOV_01 -m quick", h.run());
        assertEquals("Actor 1, numvfs: sriov_numvfs_store   device_lock(PF)\n"
                + "Lock chain:  Upstream: T1: &dev->mutex → pci_rescan_remove_lock", h.lockChain());
    }
}
