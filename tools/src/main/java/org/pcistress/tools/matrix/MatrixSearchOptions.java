package org.pcistress.tools.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.Matrix;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Durations;
import picocli.CommandLine.Option;

/**
 * The search options every matrix command shares (bound, cells, time per cell), and the one place
 * that turns them and the profile specs into what the explorer runs. A picocli mixin.
 */
public final class MatrixSearchOptions {
    @Option(names = "--preemptions", paramLabel = "N", defaultValue = "2",
            description = "preemption bound per cell where not every schedule can run, or 'unbounded' (default ${DEFAULT-VALUE})")
    String preemptions;

    @Option(names = "--proof-executions", paramLabel = "N", defaultValue = "" + Matrix.PROOF_EXECUTIONS,
            description = "executions a cell may spend trying every schedule before the bounded search runs;"
                    + " 0 for the bounded search only (default ${DEFAULT-VALUE})")
    long proofExecutions;

    @Option(names = "--dpor", description = "reduce each cell's searches by DPOR (bounded DPOR within the bound; see"
            + " docs/EXPLORER.md for what it guarantees)")
    boolean dpor;

    @Option(names = "--cells", paramLabel = "LIST", description = "only these cells, e.g. remove_pf,bind_pf+aer (default: all)")
    String cells;

    @Option(names = "--triples", paramLabel = "LIST",
            description = "add these three-way cells, e.g. bind_pf+aer+numvfs_read (to all cells, or to --cells)")
    String triples;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "20s", converter = Durations.class,
            description = "wall-clock budget per cell, e.g. 20s, 2m (default ${DEFAULT-VALUE})")
    Duration budget;

    @Option(names = "--lockdep", paramLabel = "FLAVOUR", defaultValue = "pcistress",
            description = "whose lockdep predicts beside the verdict: pcistress (device locks by role, work items,"
                    + " completions), kernel (what the kernel's lockdep would print) or both (default ${DEFAULT-VALUE})")
    String lockdep;

    /** The profiles to explore, the explorer's options and the cells, all checked. */
    public record Search(List<PciTarget> targets, ExploreOptions options, List<List<Entry>> cells, long proofExecutions) {
    }

    /** Resolves {@code specs} (one per matrix) with these options; a {@link BadInput} names the first bad value. */
    public Search resolve(String... specs) {
        List<PciTarget> targets = new ArrayList<>();
        for (String s : specs) {
            targets.add(Inputs.target(s, lockdep));
        }
        if (proofExecutions < 0) {
            throw new BadInput("--proof-executions must be 0 or more, got " + proofExecutions);
        }
        List<List<Entry>> which = new ArrayList<>(Inputs.cells(cells, targets.get(0).entries()));
        if (triples != null) {
            which.addAll(Inputs.triples(triples));
        }
        ExploreOptions o = Inputs.options(Inputs.preemptions(preemptions), false, budget);
        return new Search(targets, dpor ? o.withDpor() : o, which, proofExecutions);
    }

    /** How the command line named these options, for the report's "Command:" line. */
    public String describe() {
        return " --preemptions " + preemptions
                + (proofExecutions == Matrix.PROOF_EXECUTIONS ? "" : " --proof-executions " + proofExecutions)
                + (dpor ? " --dpor" : "")
                + (cells == null ? "" : " --cells " + cells)
                + (triples == null ? "" : " --triples " + triples)
                + ("pcistress".equals(lockdep) ? "" : " --lockdep " + lockdep);
    }
}
