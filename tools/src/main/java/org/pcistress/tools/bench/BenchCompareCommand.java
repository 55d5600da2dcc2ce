package org.pcistress.tools.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pcistress bench-compare BASELINE.json NEW.json [--threshold 5]}. */
@Command(name = "bench-compare", mixinStandardHelpOptions = true,
        description = {"Compares two JMH JSON results and flags regressions.",
            "A result regresses when it moved the bad way (lower throughput, higher time) by more than the "
                + "threshold AND outside the noise: the 99.9%% confidence intervals do not overlap, or "
                + "|Δ| > 2σ with σ combining both runs' standard errors."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no regression", "1:at least one regression",
            "2:bad input (missing file, malformed JSON, not JMH output, no benchmark in common)"})
public final class BenchCompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE.json", description = "the reference run")
    Path baseline;

    @Parameters(index = "1", paramLabel = "NEW.json", description = "the run to judge")
    Path candidate;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5",
            description = "smallest change that can count, in percent (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = {"-v", "--verbose"}, description = "also list the results that did not change")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(threshold >= 0)) {
            err.println(Errors.prefix(spec) + "--threshold must be a non-negative percentage, not " + threshold);
            return ExitCodes.USAGE;
        }
        Comparison c;
        try {
            List<JmhResult> base = JmhJson.read(baseline);
            List<JmhResult> now = JmhJson.read(candidate);
            c = Comparison.of(base, now, threshold);
        } catch (BadInput e) {
            err.println(Errors.prefix(spec) + e.getMessage());
            return ExitCodes.USAGE;
        }
        for (JmhResult r : c.onlyInBase()) {
            err.println("warning: only in " + baseline + ": " + r.label());
        }
        for (JmhResult r : c.onlyInNew()) {
            err.println("warning: only in " + candidate + ": " + r.label());
        }
        for (String s : c.skipped()) {
            err.println("warning: " + s);
        }
        for (Delta d : c.deltas()) {
            if (verbose || d.verdict() != Verdict.UNCHANGED) {
                out.println(d.describe());
            }
        }
        out.printf("%d compared (threshold %s%%): %d regression(s), %d improvement(s), %d within noise, "
                + "%d undecided, %d unchanged%n", c.deltas().size(), Fmt.num(threshold, 1),
                c.with(Verdict.REGRESSION).size(), c.with(Verdict.IMPROVEMENT).size(), c.with(Verdict.NOISE).size(),
                c.with(Verdict.UNDECIDED).size(), c.with(Verdict.UNCHANGED).size());
        out.flush();
        err.flush();
        return c.hasRegression() ? ExitCodes.REGRESSION : ExitCodes.OK;
    }
}
