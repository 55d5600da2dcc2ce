package org.pcistress.model.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.pcistress.model.entry.PciSystem;
import org.pcistress.model.pci.Topology;

/**
 * Every fix composes with every profile without breaking the plain case: VFs can be enabled and
 * disabled through sriov_numvfs with nothing racing. A fix that takes a lock its profile already
 * holds around the same path would self-deadlock here (a kernel mutex is not recursive), which
 * is what detach-outside-rescan did on v7.0 until it dropped the outer lock.
 */
@Timeout(60)
class FixCompositionTest {

    @Test
    void everyFixOnEveryProfileEnablesAndDisablesVfsAlone() {
        List<String> broken = new ArrayList<>();
        for (Profile base : Profiles.all()) {
            for (Fix fix : Fixes.all()) {
                Profile p = base.with(fix);
                PciSystem sys = PciSystem.boot(p, Topology.standard());
                sys.entry().sriovNumvfsStore(Topology.PF, 2);
                sys.entry().sriovNumvfsStore(Topology.PF, 0);
                String outcome = sys.finish().outcome();
                if (!outcome.equals("OK")) {
                    broken.add(p.name() + ": " + outcome);
                }
            }
        }
        assertEquals(List.of(), broken);
    }
}
