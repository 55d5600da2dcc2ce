package org.pcistress.tools.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.pcistress.tools.report.FormatVersion;
import org.pcistress.tools.cli.BadInput;

/**
 * What {@code pcistress bench} knows about a run that JMH's JSON does not say: the settings, both
 * command lines, the machine, the time taken and the benchmarks that failed. Kept next to
 * results.json as run.json.
 *
 * @param settings  {@code quick}, {@code full}, or {@code unknown} for a result file from elsewhere
 * @param command   the pcistress command line
 * @param jmh       the JMH command line that ran
 * @param started   when, ISO-8601
 * @param seconds   how long the run took
 * @param failures  benchmarks JMH reported as failed, with their parameters
 * @param fingerprint what must match for another run to compare with this one; {@code null} in a
 *                  run.json written before it was recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunInfo(String settings, String command, List<String> jmh, Machine machine, String started,
        long seconds, List<String> failures, Fingerprint fingerprint) {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** For a result file rendered on its own: the machine is this one only if the caller says so. */
    public static RunInfo unknown(Machine machine) {
        return new RunInfo("unknown", "", List.of(), machine, "", 0, List.of(), null);
    }

    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), FormatVersion.BENCH_RUN.stamp(MAPPER.valueToTree(this)));
    }

    public static RunInfo read(Path file) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (IOException e) {
            throw new BadInput(file + ": not a pcistress run.json: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        try {
            FormatVersion.BENCH_RUN.check(root, file);
        } catch (IOException e) {
            throw new BadInput(e.getMessage());
        }
        try {
            return MAPPER.treeToValue(root, RunInfo.class);
        } catch (IOException e) {
            throw new BadInput(file + ": not a pcistress run.json: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /**
     * The run.json that describes {@code results}: {@code run.json} beside a {@code results.json},
     * else {@code NAME.run.json} beside {@code NAME.json} (how docs/bench keeps baselines); null if none.
     */
    public static Path sidecar(Path results) {
        Path abs = results.toAbsolutePath();
        String name = abs.getFileName().toString();
        Path p = name.equals("results.json") ? abs.resolveSibling("run.json")
                : abs.resolveSibling(name.replaceFirst("\\.json$", "") + ".run.json");
        return Files.isRegularFile(p) ? p : null;
    }

    @JsonIgnore
    public boolean isQuick() {
        return "quick".equals(settings);
    }
}
