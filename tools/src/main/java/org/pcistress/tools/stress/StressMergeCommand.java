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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress stress-merge OUT IN...}: one summary from the jcstress shards of a CI job matrix,
 * each of which ran {@code pcistress stress --tests REGEX} on its own runner.
 */
@Command(name = "stress-merge", mixinStandardHelpOptions = true,
        description = {"Merges the summary.json of jcstress shards (files, or folders holding one) into"
                + " OUT/summary.json and OUT/summary.txt, as 'pcistress stress' writes them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:a regression in a shard (a FORBIDDEN outcome, a silent canary)",
            "3:a shard's summary missing or corrupt, or a harness failure in a shard (the worse wins)"})
public final class StressMergeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "the folder to write the merged summary to")
    Path out;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IN", description = "each shard's summary.json or folder")
    List<Path> inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
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
        RunSummary merged = merge(shards, missing, inputs);
        Files.createDirectories(out);
        SummaryWriter.write(out, merged);
        spec.commandLine().getOut().print(SummaryWriter.text(merged));
        spec.commandLine().getOut().flush();
        err.flush();
        return merged.exitCode();
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
