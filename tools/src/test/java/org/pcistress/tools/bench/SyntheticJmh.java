package org.pcistress.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds JMH-shaped JSON for tests: each result's raw iteration scores are spread evenly around
 * the score, the same in each of {@link #forks} forks (2 unless set), and its error and interval are computed from
 * them the way JMH does (Student's t at 99.9%), so the comparison sees what a real run would give it.
 */
final class SyntheticJmh {
    private final List<String> results = new ArrayList<>();
    private int forks = 2;

    /** Forks per result from here on. */
    SyntheticJmh forks(int f) {
        forks = f;
        return this;
    }

    /**
     * A result whose {@code n} iterations per fork ({@code n} = 3 or 5) have mean {@code score} and
     * spread {@code step}.
     */
    SyntheticJmh add(String benchmark, String mode, String params, double score, double step, int perFork,
            String unit) {
        int n = perFork * forks;
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            // every fork spreads the same way around the score: forks that agree, so the iterations'
            // spread is the run's whole noise (GateTest covers forks that disagree)
            raw[i] = score + step * (i % perFork - (perFork - 1) / 2.0) * Math.sqrt((n * n - 1.0) / Math.max(1.0, perFork * perFork - 1.0));
        }
        double mean = 0;
        for (double x : raw) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : raw) {
            ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = n == 3 ? 31.599 : n == 5 ? 8.610 : n == 6 ? 6.869 : 4.781;
        double err = t * sd / Math.sqrt(n);
        StringBuilder rawJson = new StringBuilder();
        for (int f = 0; f < forks; f++) {
            rawJson.append(f == 0 ? "[" : ", [");
            for (int i = 0; i < perFork; i++) {
                rawJson.append(i == 0 ? "" : ", ").append(num(raw[f * perFork + i]));
            }
            rawJson.append(']');
        }
        results.add("""
                {
                  "jmhVersion": "1.37", "benchmark": "%s", "mode": "%s", "threads": 1, "forks": %d,
                  "jdkVersion": "17.0.15", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6",
                  "warmupIterations": 2, "warmupTime": "1 s", "measurementIterations": %d, "measurementTime": "1 s",
                  "params": {%s},
                  "primaryMetric": {
                    "score": %s, "scoreError": %s, "scoreConfidence": [%s, %s],
                    "scorePercentiles": {"50.0": %s},
                    "scoreUnit": "%s", "rawData": [%s]
                  },
                  "secondaryMetrics": {}
                }""".formatted(benchmark, mode, forks, perFork, params, num(mean), num(err), num(mean - err),
                num(mean + err), num(mean), unit, rawJson));
        return this;
    }

    /** A result with one iteration: JMH gives no error for it. */
    SyntheticJmh addSingle(String benchmark, String mode, double score, String unit) {
        results.add("""
                {"benchmark": "%s", "mode": "%s", "threads": 1, "forks": 1,
                 "primaryMetric": {"score": %s, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                                   "scoreUnit": "%s", "rawData": [[%s]]},
                 "secondaryMetrics": {}}""".formatted(benchmark, mode, num(score), unit, num(score)));
        return this;
    }

    String json() {
        return "[\n" + String.join(",\n", results) + "\n]\n";
    }

    Path write(Path dir, String name) throws IOException {
        return Files.writeString(dir.resolve(name), json());
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }
}
