package org.pcistress.tools.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Durations;
import picocli.CommandLine.Option;

/**
 * The search options every matrix command shares (bound, cells, time per cell), and the one place
 * that turns them and the profile specs into what the explorer runs. A picocli mixin.
 */
public final class MatrixSearchOptions {
    @Option(names = "--preemptions", paramLabel = "N", defaultValue = "2", description = "preemption bound per cell (default ${DEFAULT-VALUE})")
    int preemptions;

    @Option(names = "--cells", paramLabel = "LIST", description = "only these cells, e.g. remove_pf,bind_pf+aer (default: all)")
    String cells;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "20s", converter = Durations.class,
            description = "wall-clock budget per cell, e.g. 20s, 2m (default ${DEFAULT-VALUE})")
    Duration budget;

    /** The profiles to explore, the explorer's options and the cells, all checked. */
    public record Search(List<PciTarget> targets, ExploreOptions options, List<List<Entry>> cells) {
    }

    /** Resolves {@code specs} (one per matrix) with these options; a {@link BadInput} names the first bad value. */
    public Search resolve(String... specs) {
        List<PciTarget> targets = new ArrayList<>();
        for (String s : specs) {
            targets.add(Inputs.target(s));
        }
        return new Search(targets, Inputs.options(preemptions, false, budget), Inputs.cells(cells, targets.get(0).entries()));
    }

    /** How the command line named these options, for the report's "Command:" line. */
    public String describe() {
        return " --preemptions " + preemptions + (cells == null ? "" : " --cells " + cells);
    }
}
