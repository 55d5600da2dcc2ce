package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcistress.tools.ExitCodes;
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
                + " OUT/summary.json and OUT/summary.txt.",
            "Exit: 0 ok, 1 a forbidden outcome or silent canary in any shard, 3 a shard's summary missing or"
                + " corrupt, or a harness error in any shard."})
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
        List<StressSummary> shards = new ArrayList<>();
        int code = ExitCodes.OK;
        for (Path in : inputs) {
            Path file = Files.isDirectory(in) ? ReportFiles.first(in, StressStep.SUMMARY).orElse(in.resolve(StressStep.SUMMARY)) : in;
            try {
                shards.add(StressSummary.read(file));
            } catch (IOException e) {
                err.println("pcistress stress-merge: shard " + in + ": " + (Files.exists(file)
                        ? e.getMessage() : "no " + StressStep.SUMMARY + " (the shard did not finish)"));
                code = ExitCodes.HARNESS;
            }
        }
        StressSummary merged = merge(shards, inputs);
        Files.createDirectories(out);
        Files.writeString(out.resolve(StressStep.SUMMARY), JobReport.JSON.writeValueAsString(merged.root()));
        StringBuilder txt = new StringBuilder();
        Map<String, String> verdicts = merged.verdicts();
        verdicts.forEach((test, v) -> txt.append(String.format("%-24s %s%n", v, test)));
        int verdictCode = merged.code();
        txt.append(String.format("%d test variants from %d of %d shards; exit %d%n", verdicts.size(), shards.size(),
                inputs.size(), ExitCodes.combine(code, verdictCode)));
        Files.writeString(out.resolve("summary.txt"), txt);
        spec.commandLine().getOut().print(txt);
        spec.commandLine().getOut().flush();
        return ExitCodes.combine(code, verdictCode);
    }

    /**
     * The shards' entries in one array (a test in two shards keeps its worse verdict), integer fields
     * at the top summed (counts) or combined ({@code code}, {@code exitCode}), the rest from the first shard.
     */
    static StressSummary merge(List<StressSummary> shards, List<Path> names) {
        ObjectNode root = JobReport.JSON.createObjectNode();
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (StressSummary s : shards) {
            s.root().fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                JsonNode had = root.get(f.getKey());
                if (v == s.entries()) {
                    return;
                }
                if (v.isIntegralNumber() && (had == null || had.isIntegralNumber())) {
                    boolean isCode = f.getKey().equals("code") || f.getKey().equals("exitCode");
                    root.put(f.getKey(), had == null ? v.asInt()
                            : isCode ? ExitCodes.combine(had.asInt(), v.asInt()) : had.asLong() + v.asLong());
                } else if (had == null) {
                    root.set(f.getKey(), v);
                }
            });
            for (JsonNode e : s.entries()) {
                String name = StressSummary.name(e);
                JsonNode before = entries.get(name);
                if (before == null || StressSummary.code(StressSummary.verdict(e))
                        > StressSummary.code(StressSummary.verdict(before))) {
                    entries.put(name, e);
                }
            }
        }
        ArrayNode shardNames = root.putArray("shards");
        names.forEach(n -> shardNames.add(n.toString()));
        ArrayNode arr = root.putArray("tests");
        entries.values().forEach(arr::add);
        return new StressSummary(root, arr);
    }
}
