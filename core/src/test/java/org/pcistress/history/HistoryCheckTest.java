package org.pcistress.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.profile.KernelPath;
import org.pcistress.model.profile.LockStep;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * The history table on the model: every built-in case matches; a profile changed so that it no
 * longer is the kernel history speaks of breaks exactly the rows that depend on the change.
 */
class HistoryCheckTest {

    @Test
    void everyBuiltInCaseMatchesTheModel() {
        List<HistoryRow> rows = HistoryCheck.onTheModel(120).run(HistoryCases.builtIn(), c -> { });
        List<String> bad = rows.stream().filter(r -> !r.match())
                .map(r -> r.c().id() + " " + r.c().scenario() + " " + r.c().profile() + ": " + r.why()).toList();
        assertEquals(List.of(), bad);
    }

    /** v7.0 with 05703271c3cd's lock back in sriov_del_vfs (the revert undone): S3 comes back on v7.0. */
    @Test
    void aProfileThatUndoesTheRevertBreaksTheV70Rows() {
        Profile undone = Profiles.named("v7.0").take(KernelPath.SRIOV_DEL_VFS, LockStep.RESCAN_REMOVE);
        HistoryCheck check = new HistoryCheck(spec -> spec.equals("v7.0") ? new PciTarget(undone) : new PciTarget(spec),
                org.pcistress.explore.ExploreOptions.defaults());
        HistoryRow s3 = check.check(row("S3", "remove_pf", "v7.0"));
        assertFalse(s3.match(), s3.toString());
        assertTrue(s3.modelSays().contains("DEADLOCK"), s3.modelSays());
        assertEquals("the model fails where history says nothing does", s3.why());
        HistoryRow s3v618 = check.check(row("S3", "remove_pf", "v6.18"));
        assertTrue(s3v618.match(), "other profiles are untouched: " + s3v618);
    }

    /** A case whose counterexample must pass through a function the model never runs does not match. */
    @Test
    void theViaColumnIsChecked() {
        HistoryCase c = HistoryCases.parse("S1 | bind_pf+aer | v4.14 | DEADLOCK | eeh_pe_bus_get | derived: a wrong path\n",
                "t").get(0);
        HistoryRow r = HistoryCheck.onTheModel(60).check(c);
        assertFalse(r.match(), r.toString());
        assertEquals("DEADLOCK found, but not through eeh_pe_bus_get", r.why());
    }

    private static HistoryCase row(String id, String entries, String profile) {
        return HistoryCases.builtIn().stream()
                .filter(c -> c.id().equals(id) && c.scenario().equals(entries) && c.profile().equals(profile))
                .findFirst().orElseThrow();
    }
}
