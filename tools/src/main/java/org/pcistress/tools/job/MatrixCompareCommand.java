package org.pcistress.tools.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.tools.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pcistress matrix-compare FROM TO}: the matrix diff of two matrix.json files (e.g. two checkouts). */
@Command(name = "matrix-compare", mixinStandardHelpOptions = true,
        description = {"Compares two matrix.json files written by 'pcistress matrix' (a folder holding one will do):"
                + " every cell whose verdict changed; a cell that passed in FROM and fails in TO is a regression.",
            "Exit: 0 no new failure, 1 a new failure, 2 bad input."})
public final class MatrixCompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FROM", description = "the reference matrix.json (or its folder)")
    Path from;

    @Parameters(index = "1", paramLabel = "TO", description = "the matrix.json to judge (or its folder)")
    Path to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MatrixResults a;
        MatrixResults b;
        try {
            a = MatrixResults.read(file(from));
            b = MatrixResults.read(file(to));
        } catch (IOException e) {
            spec.commandLine().getErr().println("pcistress matrix-compare: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<MatrixResults.Change> introduced = a.introducedFailures(b);
        for (MatrixResults.Change c : a.changesTo(b)) {
            out.println((introduced.contains(c) ? "NEW FAILURE " : "changed     ") + c);
        }
        out.printf("%d cells, %d changed, %d new failure(s); failing: %d -> %d%n", b.cells().size(),
                a.changesTo(b).size(), introduced.size(), a.failures(), b.failures());
        out.flush();
        return introduced.isEmpty() ? ExitCodes.OK : ExitCodes.REGRESSION;
    }

    private static Path file(Path p) throws IOException {
        if (java.nio.file.Files.isDirectory(p)) {
            return ReportFiles.first(p, MatrixStep.FILE).orElseThrow(() -> new IOException(p + " holds no " + MatrixStep.FILE));
        }
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new IOException(p + " does not exist");
        }
        return p;
    }
}
