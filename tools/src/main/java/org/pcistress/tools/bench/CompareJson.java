package org.pcistress.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * compare.json: what bench-compare printed, for machines. One object per result with the
 * baseline and new values, the change and its interval, the minimum detectable change, the raw
 * and Holm-adjusted p-values and the verdict; percentages are percent ({@code 10.0} is +10%), and a
 * value that does not exist (no test) is {@code null}. Documented in docs/BENCH.md.
 */
final class CompareJson {
    static final String FORMAT = "pcistress.bench-compare/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CompareJson() {
    }

    static void write(Path file, Comparison c, Path baseline, Path candidate, RunPair pair) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("baseline", baseline.toString());
        root.put("new", candidate.toString());
        GateOptions o = c.options();
        root.put("options", Map.of("thresholdPct", o.thresholdPct(), "alpha", o.alpha(), "power", o.power(),
                "force", o.force()));
        Map<String, Object> fp = new LinkedHashMap<>();
        fp.put("baseline", pair.baselineRun().fingerprint());
        fp.put("new", pair.candidateRun().fingerprint());
        fp.put("differences", pair.differences());
        root.put("fingerprints", fp);
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name(), c.with(v).size());
        }
        root.put("counts", counts);
        root.put("medianChangePct", pct(c.medianChange()));
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Delta d : c.deltas()) {
            rs.add(row(d));
        }
        root.put("results", rs);
        root.put("onlyInBaseline", c.onlyInBase().stream().map(JmhResult::label).toList());
        root.put("onlyInNew", c.onlyInNew().stream().map(JmhResult::label).toList());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        MAPPER.writeValue(file.toFile(), root);
    }

    static Map<String, Object> row(Delta d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("benchmark", d.base().benchmark());
        m.put("label", d.base().label());
        m.put("params", d.base().params());
        m.put("mode", d.base().mode());
        m.put("statistic", d.statistic());
        m.put("unit", d.unit());
        m.put("higherIsBetter", d.base().higherIsBetter());
        m.put("base", finite(d.baseValue()));
        m.put("new", finite(d.newValue()));
        m.put("changePct", pct(d.change()));
        Welch w = d.test();
        m.put("lowPct", w == null ? null : pct(w.low()));
        m.put("highPct", w == null ? null : pct(w.high()));
        m.put("detectablePct", w == null ? null : pct(w.mde()));
        m.put("p", w == null ? null : finite(w.p()));
        m.put("pHolm", finite(d.pHolm()));
        m.put("df", w == null ? null : finite(w.df()));
        m.put("verdict", d.verdict().name());
        m.put("why", d.why());
        return m;
    }

    private static Double pct(double fraction) {
        return finite(100 * fraction);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
