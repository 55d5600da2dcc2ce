package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.ReportFiles;
import org.pcistress.tools.job.Specs.Spec;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.matrix.MatrixFiles;
import org.pcistress.tools.report.FormatVersion;
import org.pcistress.tools.stress.StressFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec.Target;

/** {@code pcistress run}: the main job. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The main job: the scenario matrix for each profile and fix (and their diffs along the version"
                + " line), a budgeted jcstress pass with its canaries, a quick benchmark pass; one dated report"
                + " folder with an index.html that says what regressed and what is new since the previous report."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok (or not compared: there was no previous report)", "1:regression",
            "2:usage: bad options or baseline; nothing run or written", "3:harness failure"})
public final class RunCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec(Target.SELF)
    CommandSpec self;

    @Option(names = "--budget", defaultValue = "15m", converter = Durations.class, paramLabel = "DURATION",
            description = "Total time budget, shared by the steps (default: ${DEFAULT-VALUE}); e.g. 90s, 10m, 1h30m.")
    Duration budget;

    @Option(names = "--profiles", split = ",", paramLabel = "SPEC",
            description = "Kernel profiles in version order, each optionally with fixes (v7.0+list-snapshot)."
                    + " Default: all known, oldest first.")
    List<String> profiles;

    @Option(names = "--fixes", split = ",", paramLabel = "FIX",
            description = "Fixes to try, one at a time, on the newest profile: names or lock change files (FILE.lock); 'none' for none. Default: all known.")
    List<String> fixes;

    @Option(names = "--out", defaultValue = "reports", paramLabel = "DIR",
            description = "Parent folder of the dated report folders (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--baseline", paramLabel = "PATH",
            description = "Compare with this report folder instead of the previous one in --out,"
                    + " or compare the benchmarks with this bench results.json.")
    Path baseline;

    @Option(names = "--pinned-baseline", paramLabel = "PATH",
            description = "Also compare the benchmarks with this fixed baseline (a complete, green report folder with"
                    + " benchmark results, or a bench results.json), so that creep below the threshold per run still"
                    + " trips: the nightly keeps the week's first green report here.")
    Path pinned;

    @Option(names = "--skip", split = ",", paramLabel = "STEP", description = "Steps not to run: history, matrix, stress, bench.")
    List<String> skip;

    @Option(names = "--stress-from", paramLabel = "DIR",
            description = "Take the jcstress result from DIR (e.g. merged CI shards, see stress-merge) instead of"
                    + " running jcstress: copied into the report and judged the same way.")
    Path stressFrom;

    private List<JobStep> steps;
    private final Specs specs;
    private final Clock clock;
    private boolean signals;

    /** The real job: each step runs a subcommand of the command line {@code run} sits in, as the same jar. */
    public RunCommand() {
        this.steps = null;
        this.specs = Specs.CURRENT;
        this.clock = Clock.systemUTC();
        this.signals = true;
    }

    /** A job of {@code steps} (tests give fakes). */
    public RunCommand(List<JobStep> steps, Specs specs, Clock clock) {
        this.steps = List.copyOf(steps);
        this.specs = specs;
        this.clock = clock;
    }

    private List<JobStep> steps() {
        if (steps == null) {
            steps = defaultSteps(JarSubcommands.of(self.root()));
        }
        return steps;
    }

    /** history, matrix, stress, bench, in that order: cheapest verdicts first. */
    public static List<JobStep> defaultSteps(Subcommands cli) {
        return List.of(new HistoryStep(cli), new MatrixStep(cli), new StressStep(cli), new BenchStep(cli));
    }

    @Override
    public Integer call() {
        JobPlan plan = plan();
        if (signals) {
            org.pcistress.tools.cli.Signals.exitOnStop();
        }
        return new Job(steps(), clock, self.commandLine().getOut(), self.commandLine().getErr()).run(plan);
    }

    /** Checks every option; throws a one-line {@link ParameterException} before anything runs. */
    JobPlan plan() {
        List<Spec> ps = new ArrayList<>();
        for (String p : profiles == null ? specs.profiles() : profiles) {
            ps.add(parse(() -> specs.parse(p.trim())));
        }
        if (ps.isEmpty()) {
            throw usage("--profiles: give at least one profile");
        }
        for (int i = 1; i < ps.size(); i++) {
            if (specs.profiles().indexOf(ps.get(i).profile()) < specs.profiles().indexOf(ps.get(i - 1).profile())) {
                throw usage("--profiles: " + ps.get(i) + " is older than " + ps.get(i - 1) + ": give the profiles in"
                        + " version order (" + String.join(", ", specs.profiles()) + "); the fixes apply to the last");
            }
        }
        List<String> fs = new ArrayList<>();
        for (String f : fixes == null ? specs.fixes() : fixes) {
            if (!f.isBlank() && !f.equals("none")) {
                fs.add(parse(() -> specs.fix(f.trim())));
            }
        }
        Set<String> names = new LinkedHashSet<>();
        steps().forEach(s -> names.add(s.name()));
        Set<String> skipped = new LinkedHashSet<>(skip == null ? List.of() : skip);
        for (String s : skipped) {
            if (!names.contains(s)) {
                throw usage("--skip: unknown step '" + s + "': the steps are " + String.join(", ", names));
            }
        }
        if (skipped.containsAll(names)) {
            throw usage("--skip: every step skipped, nothing to run");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("--out: " + out + " is a file, not a folder");
        }
        for (Path up = out.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
            if (Files.exists(up)) {
                if (!Files.isDirectory(up)) {
                    throw usage("--out: " + out + " cannot be created: " + up + " is a file");
                }
                break;
            }
        }
        if (stressFrom != null) {
            if (Files.isRegularFile(stressFrom)) {
                throw usage("--stress-from: " + stressFrom + " is a file: give the folder that holds the summary.json"
                        + " (stress-merge's OUT, or a stress --out)");
            }
            try {
                StressFiles.read(stressFrom);
            } catch (IOException e) {
                throw usage("--stress-from: " + e.getMessage());
            }
        }
        JobPlan plan = new JobPlan(ps, fs, budget, out,
                Optional.ofNullable(baseline).map(b -> checkBaseline("--baseline", b)), skipped,
                Optional.ofNullable(stressFrom), Optional.ofNullable(pinned).map(this::checkPinned));
        checkShares(plan);
        return plan;
    }

    /** Refuses, before anything is written, a budget below the sum of the minimums of the steps to run. */
    private void checkShares(JobPlan plan) {
        Duration needed = Duration.ZERO;
        List<String> who = new ArrayList<>();
        String longest = null;
        Duration most = Duration.ZERO;
        for (JobStep s : steps()) {
            Duration min = s.minimum(plan);
            if (!plan.skip().contains(s.name()) && !min.isZero()) {
                needed = needed.plus(min);
                who.add(s.name() + " " + Durations.format(min));
                if (min.compareTo(most) > 0) {
                    most = min;
                    longest = s.name();
                }
            }
        }
        if (!who.isEmpty() && budget.compareTo(needed) < 0) {
            throw usage("--budget " + Durations.format(budget) + " is too short: the steps need at least "
                    + String.join(", ", who) + " on any machine: use --budget "
                    + Durations.format(Duration.ofMinutes((needed.toSeconds() + 59) / 60)) + " or more, or --skip "
                    + longest);
        }
    }

    /** A report folder with a readable job.json, or a bench results.json that parses. */
    private Path checkBaseline(String option, Path b) {
        if (!Files.exists(b)) {
            throw usage(option + ": " + b + " does not exist");
        }
        Path file = Files.isDirectory(b) ? b.resolve(ReportFolders.RECORD) : b;
        if (!Files.isRegularFile(file)) {
            throw usage(option + ": " + b + " is not a report folder (no " + ReportFolders.RECORD + ")");
        }
        JsonNode root;
        try {
            root = JobReport.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw usage(option + ": " + file + " is corrupt: " + ReportFiles.reason(e));
        }
        if (Files.isDirectory(b)) {
            try {
                FormatVersion.JOB.check(root, file);
            } catch (IOException e) {
                throw usage(option + ": " + e.getMessage());
            }
        }
        boolean ok = Files.isDirectory(b) ? root != null && root.has("steps")
                : root != null && (root.isArray() ? root.size() > 0 && root.get(0).has("benchmark")
                : root.has("benchmarks") || root.has("results"));
        if (!ok) {
            throw usage(option + ": " + file + " is corrupt: not a " + (Files.isDirectory(b) ? "job record" : "bench results file"));
        }
        if (Files.isDirectory(b)) {
            checkBaselineReport(option, b);
        }
        return b;
    }

    /** A report folder as a baseline: complete, and every matrix and jcstress summary in it reads. */
    private void checkBaselineReport(String option, Path b) {
        Baselines.whyNot(b).ifPresent(why -> {
            throw usage(option + ": " + b + " is not a complete, green report: " + why);
        });
        for (String spec : MatrixFiles.specsIn(b.resolve("matrix"))) {
            try {
                MatrixFiles.read(b.resolve("matrix").resolve(spec));
            } catch (IOException e) {
                throw usage(option + ": " + b + " is corrupt: " + e.getMessage());
            }
        }
        var summary = ReportFiles.first(b.resolve("stress"), StressFiles.SUMMARY);
        if (summary.isPresent()) {
            try {
                StressFiles.read(summary.get());
            } catch (IOException e) {
                throw usage(option + ": " + b + " is corrupt: " + e.getMessage());
            }
        }
    }

    /** {@code --pinned-baseline}: as {@code --baseline}, and a report folder must hold benchmark results. */
    private Path checkPinned(Path p) {
        checkBaseline("--pinned-baseline", p);
        if (Files.isDirectory(p) && ReportFiles.first(p.resolve("bench"), BenchStep.RESULTS).isEmpty()) {
            throw usage("--pinned-baseline: " + p + " has no benchmark results (bench/" + BenchStep.RESULTS + ")");
        }
        return p;
    }

    private <T> T parse(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(self.commandLine(), message);
    }
}
