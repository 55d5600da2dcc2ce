package org.pcistress.tools.patch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.kernel.locking.LockdepFlavor;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.model.change.LockChange;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;

/**
 * The test patches (src/test/resources/patches, written for these tests: made-up code around the
 * kernel's function names and lock calls) and the profiles they are checked on. A profile renamed
 * in the model is one line here.
 */
final class Patches {
    /** The kernels before 05703271c3cd. */
    static final String BEFORE_05703271 = "v5.10";
    /** The newest tree with 05703271c3cd and 1010b4c012b0's EEH recursion. */
    static final String WITH_05703271 = "v6.19";
    /** v6.19 with the revert series (2fa119c0e5e5 + a5338e365c45) and the EEH fix 815a8d2feb56. */
    static final String V70 = "v7.0";

    private Patches() {
    }

    static Path path(String name) {
        return Path.of("src/test/resources/patches", name);
    }

    static UnifiedDiff diff(String name) {
        try {
            return UnifiedDiff.parse(Files.readString(path(name), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Mapping map(String name) {
        return PatchMapper.map(diff(name), name.replaceFirst("\\.patch$", ""), "");
    }

    /** The derived change's lines, one per line. */
    static String lines(Mapping m) {
        StringBuilder b = new StringBuilder();
        m.change().ops().forEach(op -> b.append(op.text()).append('\n'));
        return b.toString();
    }

    /** v6.19 with only the revert (2fa119c0e5e5), as derived from its patch form. */
    static Profile revertOnly() {
        return Profiles.named(WITH_05703271).with(map("2fa119c0e5e5-revert.patch").change().toFix());
    }

    /** Every cell of {@code spec}'s matrix with one of {@code ids} among its entries: the rows a change can touch. */
    static String[] rows(String spec, String... ids) {
        List<String> out = new java.util.ArrayList<>();
        for (List<Entry> cell : org.pcistress.explore.matrix.Matrix.cells(new PciTarget(spec).entries())) {
            if (cell.stream().anyMatch(e -> List.of(ids).contains(e.id()))) {
                out.add(org.pcistress.explore.matrix.Matrix.key(cell));
            }
        }
        return out.toArray(String[]::new);
    }

    /** The diff of {@code change} on {@code base}, over {@code cells} only, bound 2, 60 s a cell. */
    static Verdicts check(LockChange change, String spec, Profile base, String... cells) {
        List<List<Entry>> which = new java.util.ArrayList<>();
        for (String c : cells) {
            List<Entry> cell = new java.util.ArrayList<>();
            for (String id : c.split("\\+")) {
                cell.add(PciTarget.entry(EntryPoint.byId(id)));
            }
            which.add(cell);
        }
        ExploreOptions o = ExploreOptions.defaults().withPreemptionBound(2).withTimeBudget(Duration.ofSeconds(60));
        return Verdicts.run(change, List.of(new PciTarget(spec, base, List.of(LockdepFlavor.PCISTRESS))), List.of(base),
                change.name() + ".lock", which, o, org.pcistress.explore.matrix.Matrix.PROOF_EXECUTIONS, l -> { });
    }
}
