package org.pcistress.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pcistress.tools.cli.BadInput;

/**
 * Reads JMH's JSON result format ({@code -rf json}) into {@link JmhResult}s and refuses anything
 * else with a one-line {@link BadInput}.
 *
 * <p>A {@code @Group} benchmark yields one result for the group (JMH's aggregate over all its
 * threads) and one per member method, named {@code group:method}, from the secondary metrics JMH
 * keeps them in: those named like a Java method and measured in the primary metric's unit.
 * Profiler metrics ({@code gc.alloc.rate.norm}, a sample run's {@code p0.99}: dotted names, or
 * other units) stay secondary.
 */
public final class JmhJson {
    /** z of a two-sided 99.9% interval: JMH's error over many samples is this many sigmas. */
    static final double Z_999 = 3.2905;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private JmhJson() {
    }

    public static List<JmhResult> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** Parses {@code text}; {@code source} names it in messages. */
    public static List<JmhResult> parse(String source, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BadInput(source + ": malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr()
                    + ", column " + loc.getColumnNr()) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInput(source + ": empty file, not JMH output");
        }
        if (!root.isArray()) {
            throw new BadInput(source + ": not JMH output: expected an array of results, found a JSON "
                    + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        List<JmhResult> out = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            i++;
            String why = notJmh(n);
            if (why != null) {
                throw new BadInput(source + ": not JMH output: result #" + i + " " + why);
            }
            addResults(n, out);
        }
        if (out.isEmpty()) {
            throw new BadInput(source + ": holds no benchmark results");
        }
        return out;
    }

    private static String notJmh(JsonNode n) {
        if (!n.isObject()) {
            return "is not an object";
        }
        if (!n.path("benchmark").isTextual()) {
            return "has no \"benchmark\" name";
        }
        if (!n.path("mode").isTextual()) {
            return "has no \"mode\"";
        }
        JsonNode pm = n.path("primaryMetric");
        if (!pm.isObject() || number(pm.path("score")) == null || !pm.path("scoreUnit").isTextual()) {
            return "has no primaryMetric with a score and a unit";
        }
        return null;
    }

    private static void addResults(JsonNode n, List<JmhResult> out) {
        String benchmark = n.path("benchmark").asText();
        String mode = n.path("mode").asText();
        int threads = n.path("threads").asInt(1);
        int forks = n.path("forks").asInt(1);
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("params").fields(); it.hasNext();) {
            var e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        JmhResult.Vm vm = new JmhResult.Vm(n.path("jdkVersion").asText(""), n.path("vmName").asText(""),
                n.path("vmVersion").asText(""), n.path("jmhVersion").asText(""));
        String settings = settings(n);

        Map<String, Metric> profilers = new LinkedHashMap<>();
        Map<String, JsonNode> members = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("secondaryMetrics").fields(); it.hasNext();) {
            var e = it.next();
            if (isGroupMember(e.getKey(), e.getValue(), n.path("primaryMetric"))) {
                members.put(e.getKey(), e.getValue());
            } else if (e.getValue().isObject()) {
                profilers.put(e.getKey(), metric(e.getValue()));
            }
        }
        out.add(result(benchmark, mode, threads, forks, params, n.path("primaryMetric"), profilers, vm, settings));
        for (Map.Entry<String, JsonNode> m : members.entrySet()) {
            out.add(result(benchmark + ":" + m.getKey(), mode, threads, forks, params, m.getValue(), Map.of(), vm,
                    settings));
        }
    }

    private static boolean isGroupMember(String name, JsonNode metric, JsonNode primary) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return metric.isObject() && metric.path("scoreUnit").asText("").equals(primary.path("scoreUnit").asText());
    }

    private static JmhResult result(String benchmark, String mode, int threads, int forks, Map<String, String> params,
            JsonNode metric, Map<String, Metric> secondary, JmhResult.Vm vm, String settings) {
        Metric primary = metric(metric);
        Map<String, Double> pct = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metric.path("scorePercentiles").fields(); it.hasNext();) {
            var e = it.next();
            Double v = number(e.getValue());
            if (v != null) {
                pct.put(e.getKey(), v);
            }
        }
        double[] spread = spread(metric, primary);
        return new JmhResult(benchmark, mode, threads, forks, Collections.unmodifiableMap(new LinkedHashMap<>(params)),
                primary, Collections.unmodifiableMap(pct), (long) spread[0], spread[1], secondary, vm, settings,
                Iterations.of(metric));
    }

    static Metric metric(JsonNode m) {
        Double score = number(m.path("score"));
        Double error = number(m.path("scoreError"));
        JsonNode ci = m.path("scoreConfidence");
        Double lo = ci.size() == 2 ? number(ci.get(0)) : null;
        Double hi = ci.size() == 2 ? number(ci.get(1)) : null;
        return new Metric(score == null ? Double.NaN : score, error == null ? Double.NaN : error,
                lo == null ? Double.NaN : lo, hi == null ? Double.NaN : hi, m.path("scoreUnit").asText(""));
    }

    /**
     * {n, sigma}: how many measurements the score averages and its standard error, from the raw
     * iteration scores, the raw histogram of a sample-mode run, or, lacking both, JMH's own error
     * read as a 99.9% interval over many samples.
     */
    private static double[] spread(JsonNode metric, Metric primary) {
        double n = 0;
        double sum = 0;
        double sumSq = 0;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode v : fork) {
                Double x = number(v);
                if (x != null) {
                    n++;
                    sum += x;
                    sumSq += x * x;
                }
            }
        }
        for (JsonNode fork : metric.path("rawDataHistogram")) {
            for (JsonNode iteration : fork) {
                for (JsonNode pair : iteration) {
                    Double x = number(pair.path(0));
                    Double c = number(pair.path(1));
                    if (x != null && c != null) {
                        n += c;
                        sum += c * x;
                        sumSq += c * x * x;
                    }
                }
            }
        }
        if (n >= 2) {
            double var = Math.max(0, (sumSq - sum * sum / n) / (n - 1));
            return new double[] {n, Math.sqrt(var / n)};
        }
        return new double[] {n, Double.isFinite(primary.error()) ? primary.error() / Z_999 : Double.NaN};
    }

    private static String settings(JsonNode n) {
        if (!n.has("measurementIterations")) {
            return "";
        }
        return "fork " + n.path("forks").asInt() + ", warmup " + n.path("warmupIterations").asInt() + " × "
                + n.path("warmupTime").asText() + ", measurement " + n.path("measurementIterations").asInt() + " × "
                + n.path("measurementTime").asText();
    }

    /** A JSON number, or JMH's quoted {@code "NaN"}/{@code "Infinity"}; {@code null} otherwise. */
    static Double number(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return null;
            }
        }
        return null;
    }
}
