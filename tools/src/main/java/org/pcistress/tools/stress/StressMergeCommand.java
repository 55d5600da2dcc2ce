package org.pcistress.tools.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.stress.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress stress-merge OUT IN...}: one summary from the jcstress shards of a CI job matrix,
 * each of which ran {@code pcistress stress --tests REGEX} on its own runner.
 */
@Command(name = "stress-merge", mixinStandardHelpOptions = true,
        description = {"Merges the summary.json of jcstress shards (files, or folders holding one) into"
                + " OUT/summary.json and OUT/summary.txt, as 'pcistress stress' writes them. Every test of the jar"
                + " must be in exactly one shard: a test in no shard is NOT_RUN (exit 3) unless --allow-partial,"
                + " which marks the merged summary partial ('run --stress-from' then exits 3); a test in two shards"
                + " is an error naming it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:a regression in a shard (a FORBIDDEN outcome, a silent canary)",
            "2:bad input (OUT a file or a shard's folder, shards that overlap, no jar)",
            "3:a shard's summary missing or corrupt, a test in no shard, or a harness failure in a shard"
                + " (the worse wins)"})
public final class StressMergeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "the folder to write the merged summary to")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IN", description = "each shard's summary.json or folder")
    List<Path> inputs;

    @Option(names = "--jar", defaultValue = "tests-jcstress/target/jcstress.jar", paramLabel = "PATH",
            description = "The jcstress jar whose every test the shards must cover. Default: ${DEFAULT-VALUE}.")
    Path jar;

    @Option(names = "--allow-partial", description = "Tests in no shard are allowed: the summary says partial.")
    boolean allowPartial;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return bad("OUT " + out + " is a file: give a folder for the merged summary");
        }
        for (Path in : inputs) {
            Path folder = Files.isDirectory(in) ? in : in.toAbsolutePath().getParent();
            if (folder != null && folder.toAbsolutePath().normalize().startsWith(out.toAbsolutePath().normalize())) {
                return bad("OUT " + out + " holds the shard " + in + ": give a new folder first (pcistress stress-merge"
                        + " OUT SHARD...)");
            }
        }
        List<String> inJar;
        try {
            inJar = JarCatalog.names(jar);
        } catch (IOException e) {
            return bad("--jar " + jar + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e.getMessage()) + " (the shards are checked against every test it holds)");
        }
        List<RunSummary> shards = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path in : inputs) {
            try {
                shards.add(StressFiles.read(in));
            } catch (IOException e) {
                err.println("pcistress stress-merge: shard " + in + ": " + e.getMessage());
                missing.add(in + ": " + e.getMessage());
            }
        }
        List<String> twice = overlap(shards, inputs);
        if (!twice.isEmpty()) {
            return bad("shards overlap: " + String.join("; ", twice) + " (each test must be in exactly one shard)");
        }
        RunSummary merged = complete(merge(shards, missing, inputs), inJar, allowPartial);
        Files.createDirectories(out);
        SummaryWriter.write(out, merged);
        spec.commandLine().getOut().print(SummaryWriter.text(merged));
        spec.commandLine().getOut().flush();
        err.flush();
        return merged.exitCode();
    }

    private int bad(String message) {
        spec.commandLine().getErr().println("pcistress stress-merge: " + message);
        spec.commandLine().getErr().flush();
        return ExitCodes.USAGE;
    }

    /** Each test that more than one shard ran, with the shards: {@code AER_01_X.Fixed in a, b}. */
    static List<String> overlap(List<RunSummary> shards, List<Path> inputs) {
        Map<String, List<String>> where = new LinkedHashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            for (TestSummary t : shards.get(i).tests()) {
                if (t.verdict() != Verdict.NOT_RUN) {
                    where.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(i < inputs.size()
                            ? inputs.get(i).toString() : "shard " + (i + 1));
                }
            }
        }
        List<String> out = new ArrayList<>();
        where.forEach((test, in) -> {
            if (in.size() > 1) {
                out.add(DeclaredTest.shortName(test) + " in " + String.join(", ", in));
            }
        });
        return out;
    }

    /**
     * The merged run against the jar: every test of it that no shard reported is NOT_RUN (exit 3),
     * or, with {@code allowPartial}, left out and the run marked partial (incomplete).
     */
    static RunSummary complete(RunSummary m, List<String> inJar, boolean allowPartial) {
        java.util.Set<String> got = new java.util.HashSet<>();
        m.tests().forEach(t -> got.add(t.name()));
        List<String> absent = inJar.stream().filter(t -> !got.contains(t)).toList();
        List<String> foreign = got.stream().filter(t -> !inJar.contains(t)).sorted().toList();
        List<TestSummary> tests = new ArrayList<>(m.tests());
        List<String> problems = new ArrayList<>(m.problems());
        List<String> incomplete = new ArrayList<>();
        if (m.incompleteBecause() != null) {
            incomplete.add(m.incompleteBecause());
        }
        int code = m.exitCode();
        if (!absent.isEmpty()) {
            String which = absent.size() + " of the " + inJar.size() + " tests of the jar in no shard";
            if (allowPartial) {
                incomplete.add("partial (--allow-partial): " + which);
            } else {
                absent.forEach(t -> tests.add(new TestSummary(t, Verdict.NOT_RUN, "in no shard", Map.of(), 0,
                        false, List.of(), List.of(), List.of())));
                problems.add("only " + (inJar.size() - absent.size()) + " of " + inJar.size() + " tests ran: "
                        + which);
                incomplete.add(which);
                code = ExitCodes.combine(code, ExitCodes.HARNESS);
            }
        }
        if (!foreign.isEmpty()) {
            problems.add("the shards ran tests the jar lacks: " + String.join(", ", foreign));
            code = ExitCodes.combine(code, ExitCodes.HARNESS);
        }
        int ran = (int) tests.stream().filter(t -> t.verdict() != Verdict.NOT_RUN).count();
        return new RunSummary(m.state(), ExitCodes.name(code), code, incomplete.isEmpty(),
                incomplete.isEmpty() ? null : String.join("; ", incomplete), m.started(), m.finished(),
                m.elapsedSeconds(), m.budgetSeconds(), m.estimateSeconds(), m.iterations(), m.timeMs(), m.command(),
                inJar.size(), ran, m.plannedConfigurations(), m.configurationsReported(), problems, tests);
    }

    /**
     * The shards as one run: tests side by side (a test in two shards keeps its worse verdict),
     * counts summed, times the longest shard's (they ran in parallel), exit codes combined, a
     * missing shard an incomplete run.
     */
    static RunSummary merge(List<RunSummary> shards, List<String> missing, List<Path> inputs) {
        Map<String, TestSummary> tests = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        missing.forEach(m -> incomplete.add("shard " + m));
        int code = missing.isEmpty() ? ExitCodes.OK : ExitCodes.HARNESS;
        int expected = 0;
        int ran = 0;
        int planned = 0;
        int reported = 0;
        double elapsed = 0;
        long budget = 0;
        long estimate = 0;
        String started = null;
        String finished = "";
        boolean done = true;
        for (RunSummary s : shards) {
            for (TestSummary t : s.tests()) {
                TestSummary had = tests.get(t.name());
                if (had == null || rank(t.verdict()) > rank(had.verdict())) {
                    tests.put(t.name(), t);
                }
            }
            s.problems().forEach(problems::add);
            if (!s.complete()) {
                incomplete.add(s.incompleteBecause());
            }
            code = ExitCodes.combine(code, s.exitCode() < 0 ? ExitCodes.HARNESS : s.exitCode());
            expected += s.testsExpected();
            ran += s.testsRan();
            planned = planned < 0 || s.plannedConfigurations() < 0 ? -1 : planned + s.plannedConfigurations();
            reported += s.configurationsReported();
            elapsed = Math.max(elapsed, s.elapsedSeconds());
            budget = Math.max(budget, s.budgetSeconds());
            estimate = Math.max(estimate, s.estimateSeconds());
            started = started == null || s.started().compareTo(started) < 0 ? s.started() : started;
            finished = finished == null || s.finished() == null ? null
                    : s.finished().compareTo(finished) > 0 ? s.finished() : finished;
            done &= "DONE".equals(s.state());
        }
        List<String> command = new ArrayList<>(List.of("pcistress", "stress-merge"));
        inputs.forEach(p -> command.add(p.toString()));
        RunSummary first = shards.isEmpty() ? null : shards.get(0);
        return new RunSummary(done ? "DONE" : "RUNNING", ExitCodes.name(code), code,
                incomplete.isEmpty(), incomplete.isEmpty() ? null : String.join("; ", incomplete),
                started == null ? "" : started, shards.isEmpty() ? null : finished, elapsed, budget, estimate,
                first == null ? 0 : first.iterations(), first == null ? 0 : first.timeMs(), command, expected, ran,
                planned, reported, problems, List.copyOf(tests.values()));
    }

    private static int rank(Verdict v) {
        return v.harness() ? 2 : v.regression() ? 1 : 0;
    }
}
