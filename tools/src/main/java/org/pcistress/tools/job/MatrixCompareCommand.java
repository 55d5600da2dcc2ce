package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pcistress matrix-compare FROM TO}: the matrix diff of two matrix.json files (e.g. two checkouts). */
@Command(name = "matrix-compare", mixinStandardHelpOptions = true,
        description = {"Compares two matrix.json files written by 'pcistress matrix' (a folder holding one will do):"
                + " what TO introduced and fixed, as matrix-diff prints it (e.g. two checkouts' matrices).",
            "Exit: 0 nothing new fails, 1 TO introduced a failure, 2 bad input (a file that is not a whole matrix:"
                + " no cells, a cell without a key, an unknown verdict), 3 TO lacks cells FROM has (coverage lost)."})
public final class MatrixCompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FROM", description = "the reference matrix.json (or its folder)")
    Path from;

    @Parameters(index = "1", paramLabel = "TO", description = "the matrix.json to judge (or its folder)")
    Path to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MatrixResult a;
        MatrixResult b;
        try {
            a = MatrixFiles.read(from);
            b = MatrixFiles.read(to);
        } catch (IOException e) {
            spec.commandLine().getErr().println("pcistress matrix-compare: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        MatrixDiff d = MatrixDiff.compare(a, b);
        spec.commandLine().getOut().print(d.text());
        spec.commandLine().getOut().flush();
        java.util.List<String> lost = d.changes().stream().filter(c -> c.status() == MatrixDiff.Status.ONLY_ONE_SIDE
                && b.cell(c.key()) == null).map(MatrixDiff.Change::key).toList();
        if (!lost.isEmpty() && d.exitCode() == 0) {
            spec.commandLine().getErr().println("pcistress matrix-compare: " + to + " lacks " + lost.size()
                    + " cell(s) of " + from + " (" + String.join(", ", lost.subList(0, Math.min(5, lost.size())))
                    + (lost.size() > 5 ? ", ..." : "") + "): nothing can be said of them");
            return ExitCodes.HARNESS;
        }
        return d.exitCode() == 0 ? ExitCodes.OK : ExitCodes.REGRESSION;
    }
}
