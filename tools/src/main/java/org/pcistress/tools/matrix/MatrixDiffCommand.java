package org.pcistress.tools.matrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.explore.matrix.Matrix;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.change.ProfileSpecs;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress matrix-diff --from v5.10 --to v6.18}: both matrices, then what the change
 * introduced and what it fixed. {@code FROM} and {@code TO} are either two profile specs (both are
 * explored) or two matrix.json files, or folders holding one (e.g. two checkouts' matrices: they are
 * read, not explored). Exit 0 when nothing new fails, 1 when a change introduced a failure, 2 on bad input.
 * A cell FROM could not set up, now failing with bugs FROM shows elsewhere, is listed as made
 * reachable and is not new ({@link MatrixDiff}).
 */
@Command(name = "matrix-diff", mixinStandardHelpOptions = true,
        description = {"Compare two matrices: what a change introduced and what it fixed.",
            "FROM and TO are two profile specs (both are explored) or two matrix.json files written by"
                + " 'pcistress matrix', or folders holding one (they are compared as they are)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing new fails (a cell FROM could not set up that TO boots into and finds failing "
                + "only with bugs FROM shows in other cells is 'made reachable', not new)",
            "1:a change introduced a failure",
            "2:bad input (a matrix.json that is not a whole matrix: no cells, a cell without a key, an unknown verdict)",
            "3:the output could not be written, or TO lacks cells FROM has (nothing can be said of them)"})
public final class MatrixDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FROM", description = "the profile before the change, or its matrix.json")
    String from;

    @Option(names = "--to", paramLabel = "TO", description = "the profile after the change, or its matrix.json")
    String to;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FROM", description = "the same as --from FROM")
    String fromArg;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TO", description = "the same as --to TO")
    String toArg;

    @Option(names = "--out", paramLabel = "DIR", description = "also write both matrices and diff.{md,json} here"
            + " (profile specs only)")
    Path out;

    @Mixin
    MatrixSearchOptions search;

    @Override
    public Integer call() {
        List<String> both = new ArrayList<>();
        if (from != null) {
            both.add(from);
        }
        if (to != null) {
            both.add(to);
        }
        if (fromArg != null) {
            both.add(fromArg);
        }
        if (toArg != null) {
            both.add(toArg);
        }
        if (both.size() != 2 || (from == null) != (to == null)) {
            return Errors.usage(spec, "give two matrices: --from FROM --to TO, or FROM TO (see --help)");
        }
        boolean fileA = Files.exists(ProfileSpecs.file(both.get(0)));
        boolean fileB = Files.exists(ProfileSpecs.file(both.get(1)));
        if (fileA != fileB) {
            return Errors.usage(spec, "give two profile specs or two matrix.json files, not one of each: "
                    + both.get(fileA ? 0 : 1) + " is a file, " + both.get(fileA ? 1 : 0) + " is not");
        }
        return fileA ? compareFiles(ProfileSpecs.file(both.get(0)), ProfileSpecs.file(both.get(1)))
                : explore(both.get(0), both.get(1));
    }

    /** Two matrix.json files (or their folders), as {@code pcistress matrix} wrote them. */
    private int compareFiles(Path a, Path b) {
        if (out != null) {
            return Errors.usage(spec, "--out writes explored matrices; with two matrix.json files there is nothing to write");
        }
        MatrixResult ma;
        MatrixResult mb;
        try {
            ma = MatrixFiles.read(a);
            mb = MatrixFiles.read(b);
        } catch (IOException e) {
            return Errors.usage(spec, e.getMessage());
        }
        MatrixDiff d = MatrixDiff.compare(ma, mb);
        spec.commandLine().getOut().print(d.text());
        spec.commandLine().getOut().flush();
        // cells FROM has and TO lacks: nothing can be said of them, so "nothing new fails" would be vacuous
        List<String> lost = d.changes().stream().filter(c -> c.status() == MatrixDiff.Status.ONLY_ONE_SIDE
                && mb.cell(c.key()) == null).map(MatrixDiff.Change::key).toList();
        if (!lost.isEmpty() && d.exitCode() == 0) {
            return Errors.print(spec, b + " lacks " + lost.size() + " cell(s) of " + a + " ("
                    + String.join(", ", lost.subList(0, Math.min(5, lost.size()))) + (lost.size() > 5 ? ", ..." : "")
                    + "): nothing can be said of them", ExitCodes.HARNESS);
        }
        return d.exitCode() == 0 ? ExitCodes.OK : ExitCodes.REGRESSION;
    }

    private int explore(String fromSpec, String toSpec) {
        PrintWriter err = spec.commandLine().getErr();
        MatrixSearchOptions.Search s;
        try {
            s = search.resolve(fromSpec, toSpec);
        } catch (BadInput e) {
            return Errors.usage(spec, e.getMessage());
        }
        String unusable = out == null ? null : Inputs.unusableFolder(out);
        if (unusable != null) {
            return Errors.usage(spec, "--out " + unusable);
        }
        PciTarget a = s.targets().get(0);
        PciTarget b = s.targets().get(1);
        int workers = Runtime.getRuntime().availableProcessors();
        MatrixResult ma = Matrix.run(a, s.cells(), s.options(), s.proofExecutions(), workers, line -> progress(err, a.spec(), line));
        MatrixResult mb = Matrix.run(b, s.cells(), s.options(), s.proofExecutions(), workers, line -> progress(err, b.spec(), line));
        MatrixDiff d = MatrixDiff.compare(ma, mb);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(d.text());
        stdout.flush();
        if (out != null) {
            String command = "pcistress matrix-diff --from " + a.spec() + " --to " + b.spec() + search.describe();
            try {
                MatrixCommand.write(out.resolve("from-" + a.spec().replace('+', '_')), ma, command);
                MatrixCommand.write(out.resolve("to-" + b.spec().replace('+', '_')), mb, command);
                MatrixJson.write(out.resolve("diff.json"), d, command);
                Files.writeString(out.resolve("diff.md"), "# " + command + "\n\n```\n" + d.text() + "```\n",
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Errors.print(spec, "cannot write " + out + ": " + e.getMessage(), ExitCodes.HARNESS);
            }
        }
        return d.exitCode();
    }

    private static void progress(PrintWriter err, String spec, String line) {
        err.println(spec + " " + line);
        err.flush();
    }
}
