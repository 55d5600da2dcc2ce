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
            "Exit: 0 nothing new fails, 1 TO introduced a failure, 2 bad input."})
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
        return d.exitCode() == 0 ? ExitCodes.OK : ExitCodes.REGRESSION;
    }
}
