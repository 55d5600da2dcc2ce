package org.pcistress.tools.matrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pcistress.tools.ExitCodes;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Matrix;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.explore.matrix.PciTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress matrix-diff --from v5.10 --to v6.18}: both matrices, then what the change
 * introduced and what it fixed. Exit 0 when nothing new fails, 1 when a change introduced a
 * failure, 2 on bad input.
 */
@Command(name = "matrix-diff", mixinStandardHelpOptions = true,
        description = "Compare the matrices of two profiles: what a change introduced and what it fixed.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:nothing new fails", "1:a change introduced a failure", "2:bad input",
            "3:the output could not be written"})
public final class MatrixDiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "SPEC", description = "the profile before the change")
    String from;

    @Option(names = "--to", required = true, paramLabel = "SPEC", description = "the profile after the change")
    String to;

    @Option(names = "--out", paramLabel = "DIR", description = "also write both matrices and diff.{md,json} here")
    Path out;

    @Mixin
    MatrixSearchOptions search;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PciTarget a;
        PciTarget b;
        ExploreOptions o;
        java.util.List<java.util.List<org.pcistress.explore.matrix.Entry>> which;
        try {
            a = Inputs.target(from);
            b = Inputs.target(to);
            o = search.options();
            which = search.cells(a.entries());
            String unusable = out == null ? null : Inputs.unusableFolder(out);
            if (unusable != null) {
                throw new BadInput("--out " + unusable);
            }
        } catch (BadInput e) {
            err.println("pcistress matrix-diff: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        MatrixResult ma = Matrix.run(a, which, o, line -> progress(err, a.spec(), line));
        MatrixResult mb = Matrix.run(b, which, o, line -> progress(err, b.spec(), line));
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
                err.println("pcistress matrix-diff: cannot write " + out + ": " + e.getMessage());
                err.flush();
                return ExitCodes.HARNESS;
            }
        }
        return d.exitCode();
    }

    private static void progress(PrintWriter err, String spec, String line) {
        err.println(spec + " " + line);
        err.flush();
    }
}
