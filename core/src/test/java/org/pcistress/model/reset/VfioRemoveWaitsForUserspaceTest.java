package org.pcistress.model.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcistress.explore.Actor;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.explore.Setup;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelBug;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.PciDev;
import org.pcistress.model.pci.Topology;
import org.pcistress.model.pci.VfioPci;
import org.pcistress.model.profile.Profiles;

/**
 * S9 (SPDK issue 3205, 2023): {@code echo 1 > remove} of a PF bound to vfio-pci holds the rescan
 * lock and device_lock(PF) while vfio's remove waits for userspace to close the device; the
 * userspace driver first reads {@code sriov_numvfs}, which takes device_lock(PF) since
 * 35ff867b7657 (v5.5). A wait-for cycle through a completion: reported as a DEADLOCK that names the
 * completion and the task that owes it, never as OK. v4.14's sriov_numvfs_show takes no lock, so
 * the read returns, the close completes, and the removal finishes.
 */
class VfioRemoveWaitsForUserspaceTest {

    static Scenario scenario(String spec) {
        return Scenario.of(spec + ":remove_pf+spdk", sched -> {
            VfioPci vfio = new VfioPci();
            Kernel kernel = new Kernel(KernelConfig.defaults(), sched);
            PciSystem sys = PciSystem.boot(Profiles.named(spec), Topology.standard().withPfDriver(vfio.driver()), kernel);
            vfio.opened();
            PciDev pf = sys.device(Topology.PF);
            Runnable spdk = () -> {
                vfio.userspaceStarts(pf);
                sys.core().iov().sriovNumvfsShow(pf); // the process still holds the fd: pf is alive
                vfio.release(pf);
            };
            return new Setup(kernel, List.of(
                    Actor.attaching("remove_pf", () -> sys.entry().removeStore(Topology.PF)),
                    Actor.task("spdk", () -> {
                        try {
                            spdk.run();
                        } catch (KernelBug bug) {
                            // the report stays in the kernel
                        }
                    })));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"v5.10", "v6.18", "v6.19", "v7.0"})
    void aHangThroughTheCompletionIsReportedWithItsCycle(String spec) {
        ExploreResult r = Explorer.explore(scenario(spec),
                ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL));
        assertEquals("DEADLOCK", r.verdict(), r.summary());
        Counterexample c = r.counterexamples().get("DEADLOCK");
        assertTrue(c.text().contains("2 tasks wait for each other"), c.text());
        assertTrue(c.text().contains("wait_for_completion(vfio_device->comp)"), c.text());
        assertTrue(c.text().contains("owes complete(vfio_device->comp)"), c.text());
        assertTrue(c.text().contains("&dev->mutex(01:00.0)"), c.text());
        assertTrue(c.table().contains("sriov_numvfs_show"), c.table());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v4.14"})
    void v414ReadsNumvfsWithoutTheLock(String spec) {
        ExploreResult r = Explorer.explore(scenario(spec));
        assertEquals("OK", r.verdict(), r.summary());
        assertTrue(r.exhausted(), r.coverage());
    }
}
