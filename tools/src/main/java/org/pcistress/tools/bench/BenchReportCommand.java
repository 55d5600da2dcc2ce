package org.pcistress.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pcistress bench-report RESULTS.json}: renders report.md and report.html from a JMH JSON file. */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Renders report.md and report.html from JMH JSON results (what `bench` does after a run).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:rendered", "2:bad input (missing file, malformed JSON, not JMH output)"})
public final class BenchReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "JMH results (-rf json)")
    Path results;

    @Option(names = "--run", paramLabel = "RUN.json",
            description = "the run.json `bench` wrote next to it (default: run.json beside RESULTS.json, if any)")
    Path runFile;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: beside RESULTS.json)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<JmhResult> rs = JmhJson.read(results);
            Path dir = out != null ? out : results.toAbsolutePath().getParent();
            Path sidecar = runFile != null ? runFile : results.toAbsolutePath().resolveSibling("run.json");
            RunInfo run = runFile != null || Files.exists(sidecar) ? RunInfo.read(sidecar)
                    : RunInfo.unknown(null);
            write(dir, rs, run);
            spec.commandLine().getOut().println("wrote " + dir.resolve("report.md") + ", "
                    + dir.resolve("report.html") + " and " + dir.resolve(ActionExport.SMALLER) + " (+ "
                    + ActionExport.BIGGER + ")");
            return ExitCodes.OK;
        } catch (BadInput e) {
            err.println(Errors.prefix(spec) + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(Errors.prefix(spec) + "cannot write the report: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Writes report.md, report.html and the github-action-benchmark export for {@code rs} into {@code dir}. */
    static void write(Path dir, List<JmhResult> rs, RunInfo run) throws IOException {
        write(dir, rs, run, null);
    }

    /** The same, with the verdict table of {@code comparison} (null: not compared) heading both reports. */
    static void write(Path dir, List<JmhResult> rs, RunInfo run, Comparison comparison) throws IOException {
        Files.createDirectories(dir);
        Path parent = dir.toAbsolutePath().getParent();
        // inside a job's report folder, link back to its index
        String index = parent != null && (Files.exists(parent.resolve("index.html"))
                || Files.exists(parent.resolve("job.json"))) ? "../index.html" : null;
        ReportData data = new ReportData(rs, run, comparison, index);
        Files.writeString(dir.resolve("report.md"), MarkdownReport.render(data), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), HtmlReport.render(data), StandardCharsets.UTF_8);
        ActionExport.write(dir, rs, run);
    }
}
