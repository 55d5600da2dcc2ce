package org.pcistress.tools.matrix;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.report.JunitXml;
import org.pcistress.tools.report.KnownFindings;
import org.pcistress.explore.matrix.Matrix;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.explore.matrix.PciTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress matrix --profile v6.18 --out DIR}: every entry point alone and every pair,
 * explored under one profile; writes matrix.json, matrix.md and a self-contained matrix.html.
 * Progress goes to stderr, one line per cell.
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
        description = "Explore every entry point alone and every pair of them under one profile.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the matrix was written (failing cells are results, not errors)", "2:bad input",
            "3:the output could not be written"})
public final class MatrixCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", required = true, paramLabel = "SPEC", description = "e.g. v5.10, v7.0+list-snapshot")
    String profile;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default reports/matrix-SPEC)")
    Path out;

    @Mixin
    MatrixSearchOptions search;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MatrixSearchOptions.Search s;
        try {
            s = search.resolve(profile);
        } catch (BadInput e) {
            return Errors.usage(spec, e.getMessage());
        }
        PciTarget target = s.targets().get(0);
        Path dir = out != null ? out : Path.of("reports", "matrix-" + target.spec().replace('+', '_'));
        String unusable = Inputs.unusableFolder(dir);
        if (unusable != null) {
            return Errors.usage(spec, "--out " + unusable);
        }
        int workers = Runtime.getRuntime().availableProcessors();
        MatrixResult m = Matrix.run(target, s.cells(), s.options(), s.proofExecutions(), workers, line -> {
            err.println(line);
            err.flush();
        });
        String command = "pcistress matrix --profile " + target.spec() + search.describe();
        try {
            write(dir, m, command);
        } catch (IOException e) {
            return Errors.print(spec, "cannot write " + dir + ": " + e.getMessage(), ExitCodes.HARNESS);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("%s: %d cells, %d failing, %d proved for all schedules, %d exhausted, %.1f s; wrote %s%n", m.spec(),
                m.cells().size(), m.failing(), m.proved(), m.exhausted(), m.millis() / 1000.0,
                dir.resolve("matrix.{json,md,html}"));
        stdout.flush();
        return ExitCodes.OK;
    }

    static void write(Path dir, MatrixResult m, String command) throws IOException {
        Files.createDirectories(dir);
        MatrixJson.write(dir.resolve("matrix.json"), m, command);
        org.pcistress.tools.cli.AtomicFiles.write(dir.resolve("matrix.md"), MatrixMarkdown.render(m, command));
        org.pcistress.tools.cli.AtomicFiles.write(dir.resolve("matrix.html"), MatrixHtml.render(m, command));
        JunitXml.write(dir.resolve("junit.xml"), "pcistress matrix", java.util.List.of(
                MatrixJunit.suite(m, command, Instant.now().minusMillis(m.millis()), KnownFindings.bundled(), Map.of())));
    }
}
