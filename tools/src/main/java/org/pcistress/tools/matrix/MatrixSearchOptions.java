package org.pcistress.tools.matrix;

import java.util.List;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Entry;
import picocli.CommandLine.Option;

/** The search options every matrix command shares: bound, cells, time per cell. A picocli mixin. */
public final class MatrixSearchOptions {
    @Option(names = "--preemptions", paramLabel = "N", defaultValue = "2", description = "preemption bound per cell (default ${DEFAULT-VALUE})")
    int preemptions;

    @Option(names = "--cells", paramLabel = "LIST", description = "only these cells, e.g. remove_pf,bind_pf+aer (default: all)")
    String cells;

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "20", description = "wall-clock budget per cell (default ${DEFAULT-VALUE})")
    long seconds;

    public ExploreOptions options() throws BadInput {
        return Inputs.options(preemptions, false, seconds);
    }

    public List<List<Entry>> cells(List<Entry> entries) throws BadInput {
        return Inputs.cells(cells, entries);
    }

    /** How the command line named these options, for the report's "Command:" line. */
    public String describe() {
        return " --preemptions " + preemptions + (cells == null ? "" : " --cells " + cells);
    }
}
