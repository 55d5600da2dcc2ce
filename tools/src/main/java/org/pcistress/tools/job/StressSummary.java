package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pcistress.tools.ExitCodes;

/**
 * A jcstress summary.json (written by {@code pcistress stress}) read as test variant to verdict.
 *
 * <p>The one place that knows that format (branch {@code stress}): an object with an array of
 * entries under {@code tests} (or {@code results}), each naming its test ({@code test} or
 * {@code name}, plus {@code variant} when given) and a {@code verdict} (or {@code status}).
 *
 * @param root    the file as read
 * @param entries the array of per-test entries inside {@code root}
 */
public record StressSummary(ObjectNode root, ArrayNode entries) {
    private static final List<String> ARRAYS = List.of("tests", "results");

    public static StressSummary read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JobReport.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not JSON: " + JobReport.reason(e), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + " is not a jcstress summary (no JSON object)");
        }
        for (String a : ARRAYS) {
            if (root.get(a) instanceof ArrayNode arr) {
                for (JsonNode e : arr) {
                    if (name(e) == null || verdict(e) == null) {
                        throw new IOException(file + ": an entry without a test or a verdict: " + e);
                    }
                }
                return new StressSummary((ObjectNode) root, arr);
            }
        }
        throw new IOException(file + " is not a jcstress summary (no '" + String.join("' or '", ARRAYS) + "' array)");
    }

    /** Test variant to verdict, in file order. */
    public Map<String, String> verdicts() {
        Map<String, String> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(name(e), verdict(e)));
        return m;
    }

    /** The exit code a verdict stands for: 1 for a forbidden outcome or silent canary, 3 for a harness error. */
    public static int code(String verdict) {
        String v = verdict.toUpperCase(Locale.ROOT);
        if (v.contains("ERROR") || v.contains("TIMEOUT") || v.contains("CRASH") || v.contains("MISMATCH")) {
            return ExitCodes.HARNESS;
        }
        if (v.contains("FORBIDDEN") || v.contains("SILENT")) {
            return ExitCodes.REGRESSION;
        }
        return ExitCodes.OK;
    }

    /** The combined code of every verdict. */
    public int code() {
        return ExitCodes.combine(verdicts().values().stream().mapToInt(StressSummary::code).toArray());
    }

    static String name(JsonNode e) {
        JsonNode t = e.hasNonNull("test") ? e.get("test") : e.get("name");
        if (t == null || !t.isTextual()) {
            return null;
        }
        return e.hasNonNull("variant") ? t.asText() + "." + e.get("variant").asText() : t.asText();
    }

    static String verdict(JsonNode e) {
        JsonNode v = e.hasNonNull("verdict") ? e.get("verdict") : e.get("status");
        return v == null || !v.isValueNode() ? null : v.asText();
    }
}
