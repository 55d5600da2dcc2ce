package org.pcistress.tools.bench;

import java.io.IOException;
import java.io.PrintWriter;
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

/** {@code pcistress bench-compare BASELINE.json NEW.json [--threshold 5] [--json compare.json] [--report DIR]}. */
@Command(name = "bench-compare", mixinStandardHelpOptions = true,
        description = {"Compares two JMH JSON results and flags regressions (docs/BENCH.md, \"The regression rule\").",
            "Per result: Welch's t-test on the iterations (sample mode: each iteration's median), its interval "
                + "and its minimum detectable change. A result that could not detect a change of the threshold's "
                + "size, or has fewer than two forks a side, is UNDECIDED. The rest are corrected together "
                + "(Holm); significant and beyond the threshold is a REGRESSION or an IMPROVEMENT, else NOISE.",
            "Runs whose run.json fingerprints (CPU, cores, JDK, JMH options) differ are not comparable."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no regression", "1:at least one regression",
            "2:bad input (missing file, malformed JSON, not JMH output, a score that is not positive, "
                + "no benchmark in common) or runs that are not comparable (without --force)"})
public final class BenchCompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BASELINE.json", description = "the reference run")
    Path baseline;

    @Parameters(index = "1", paramLabel = "NEW.json", description = "the run to judge")
    Path candidate;

    @Option(names = "--threshold", paramLabel = "PERCENT", defaultValue = "5",
            description = "smallest change that can count, in percent (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.05",
            description = "chance of any false alarm across the comparison (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--power", paramLabel = "P", defaultValue = "0.8",
            description = "power of the minimum detectable change (default: ${DEFAULT-VALUE})")
    double power;

    @Option(names = "--force", description = "compare runs whose fingerprints, JMH settings or JDKs differ")
    boolean force;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the comparison as JSON (compare.json)")
    Path json;

    @Option(names = "--report", paramLabel = "DIR",
            description = "render DIR's report.html and report.md again, the verdict table first "
                + "(DIR holds NEW.json's run: `bench` wrote it)")
    Path report;

    @Option(names = {"-v", "--verbose"}, description = "kept for compatibility: every result is listed")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(threshold >= 0) || !(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
            err.println(Errors.prefix(spec) + "--threshold must be a non-negative percentage and --alpha, --power "
                    + "between 0 and 1, not " + threshold + ", " + alpha + ", " + power);
            return ExitCodes.USAGE;
        }
        Comparison c;
        try {
            List<JmhResult> base = JmhJson.read(baseline);
            List<JmhResult> now = JmhJson.read(candidate);
            RunPair pair = RunPair.of(baseline, candidate);
            if (!pair.differences().isEmpty() && !force) {
                err.println(Errors.prefix(spec) + "not comparable: " + String.join("; ", pair.differences())
                        + " (pass --force to compare anyway)");
                return ExitCodes.USAGE;
            }
            c = Comparison.of(base, now, new GateOptions(threshold, alpha, power, force));
            pair.warnings().forEach(w -> err.println("warning: " + w));
            if (json != null) {
                CompareJson.write(json, c, baseline, candidate, pair);
            }
            if (report != null) {
                BenchReportCommand.write(report, now, pair.candidateRun(), c);
            }
        } catch (BadInput e) {
            err.println(Errors.prefix(spec) + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println(Errors.prefix(spec) + "cannot write: " + e.getMessage());
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
            out.println(d.describe());
        }
        out.println(summary(c));
        double shift = c.medianChange();
        if (Math.abs(shift) * 100 > threshold / 2) {
            out.println("note: the median change over all results is " + Fmt.percent(100 * shift)
                    + ": the whole run moved (machine load, CPU frequency?), which no per-benchmark test can tell "
                    + "from a change that slows everything");
        }
        out.flush();
        err.flush();
        return c.hasRegression() ? ExitCodes.REGRESSION : ExitCodes.OK;
    }

    /** {@code 17 compared (threshold 5%, family-wise alpha 0.05, power 0.8): 0 regression(s), …}. */
    static String summary(Comparison c) {
        GateOptions o = c.options();
        return String.format(java.util.Locale.ROOT, "%d compared (threshold %s%%, family-wise alpha %s by Holm, "
                + "power %s): %d regression(s), %d improvement(s), %d noise, %d undecided, %d not comparable",
                c.deltas().size(), Fmt.num(o.thresholdPct(), 1), o.alpha(), o.power(),
                c.with(Verdict.REGRESSION).size(), c.with(Verdict.IMPROVEMENT).size(), c.with(Verdict.NOISE).size(),
                c.with(Verdict.UNDECIDED).size(), c.with(Verdict.NOT_COMPARABLE).size());
    }
}
