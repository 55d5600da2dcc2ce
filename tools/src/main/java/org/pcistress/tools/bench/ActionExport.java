package org.pcistress.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The run in the formats github-action-benchmark reads as they are: {@value #SMALLER}
 * ({@code tool: customSmallerIsBetter}) holds every result as a time per operation, throughput
 * turned into its inverse (ops/ms into ms/op); {@value #BIGGER} ({@code customBiggerIsBetter})
 * holds the throughput results as measured. Each entry is {@code {name, unit, value, range, extra}};
 * names are unique and carry the mode (a sample-mode result gives two: its p50 and its p99, not the
 * mean), so the action never merges a throughput row with a sample row of the same benchmark.
 */
final class ActionExport {
    static final String SMALLER = "benchmark-action.json";
    static final String BIGGER = "benchmark-action-bigger.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Time units to express a value in, the first that keeps it at 1 or more. */
    private static final String[] TIME_UNITS = {"s", "ms", "us", "ns"};

    private ActionExport() {
    }

    static void write(Path dir, List<JmhResult> rs, RunInfo run) throws IOException {
        MAPPER.writeValue(dir.resolve(SMALLER).toFile(), smaller(rs, run));
        MAPPER.writeValue(dir.resolve(BIGGER).toFile(), bigger(rs, run));
    }

    static List<Map<String, Object>> smaller(List<JmhResult> rs, RunInfo run) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JmhResult r : rs) {
            Metric m = r.primary();
            String[] u = m.unit().split("/", 2);
            if (r.higherIsBetter()) {
                // ops per time unit: invert into time units per op, then pick a readable time unit
                double seconds = Units.seconds(u.length == 2 ? u[1] : "");
                if (!(m.score() > 0) || Double.isNaN(seconds)) {
                    continue;
                }
                double perOp = seconds / m.score();
                double err = Double.isFinite(m.error()) ? seconds * m.error() / (m.score() * m.score()) : Double.NaN;
                String unit = readable(perOp);
                double f = Units.seconds(unit);
                out.add(entry(names, r.label() + " as time/op", unit + "/op", perOp / f, err / f, r, run));
            } else if ("sample".equals(r.mode()) && r.percentiles().containsKey("50.0")) {
                out.add(entry(names, r.label() + " p50", m.unit(), r.percentiles().get("50.0"), Double.NaN, r, run));
                Double p99 = r.percentiles().get("99.0");
                if (p99 != null) {
                    out.add(entry(names, r.label() + " p99", m.unit(), p99, Double.NaN, r, run));
                }
            } else {
                out.add(entry(names, r.label(), m.unit(), m.score(), m.error(), r, run));
            }
        }
        return out;
    }

    static List<Map<String, Object>> bigger(List<JmhResult> rs, RunInfo run) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JmhResult r : rs) {
            if (r.higherIsBetter()) {
                out.add(entry(names, r.label(), r.primary().unit(), r.primary().score(), r.primary().error(), r, run));
            }
        }
        return out;
    }

    private static String readable(double seconds) {
        for (String u : TIME_UNITS) {
            if (seconds / Units.seconds(u) >= 1) {
                return u;
            }
        }
        return "ns";
    }

    private static Map<String, Object> entry(Set<String> names, String name, String unit, double value, double err,
            JmhResult r, RunInfo run) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + " #" + i;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", unique);
        e.put("unit", unit);
        e.put("value", value);
        if (Double.isFinite(err)) {
            e.put("range", "± " + Fmt.num(err));
        }
        StringBuilder extra = new StringBuilder(r.settings().isEmpty() ? "forks " + r.forks() : r.settings());
        extra.append("; samples ").append(r.samples());
        if (run != null && run.machine() != null) {
            extra.append("; ").append(run.machine().describe());
        }
        e.put("extra", extra.toString());
        return e;
    }
}
