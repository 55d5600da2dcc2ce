package org.pcistress.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Recorded JMH results for the gate's tests, and slowdowns applied to them.
 *
 * <p>{@code recorded/quick-null-1..5.json.gz}: five quick passes of one jar, back to back, of
 * {@code AerBench_01|LockingBench_01|SriovBench_01} with the quick settings
 * ({@code -f 2 -wi 1 -w 500ms -i 3 -r 500ms}), on the shared 2-core machine while other builds ran
 * (load average 11 to 24); JMH's JSON, minified and gzipped. {@code recorded/quick-quiet-1..4.json.gz}:
 * four more, of {@code AerBench_01|LockingBench|SriovBench_01}, on the same machine with nothing
 * else running (2026-11-30). {@code recorded/locking-ab-*.json.gz}: the locking benchmarks of two
 * commits, interleaved on the quiet machine. The full passes are the baselines in docs/bench.
 */
final class Recorded {
    static final int QUICK_PASSES = 5;
    static final int QUIET_PASSES = 4;

    private Recorded() {
    }

    private static final Map<Integer, List<JmhResult>> QUICK = new java.util.concurrent.ConcurrentHashMap<>();

    static List<JmhResult> quick(int i) {
        return QUICK.computeIfAbsent(i, Recorded::readQuick);
    }

    private static final Map<Integer, List<JmhResult>> QUIET = new java.util.concurrent.ConcurrentHashMap<>();

    /** The quick passes recorded on the quiet machine. */
    static List<JmhResult> quiet(int i) {
        return QUIET.computeIfAbsent(i, n -> read("recorded/quick-quiet-" + n + ".json.gz"));
    }

    private static List<JmhResult> readQuick(int i) {
        return read("recorded/quick-null-" + i + ".json.gz");
    }

    /** A recorded JMH JSON, gzipped, from this package's resources. */
    static List<JmhResult> read(String name) {
        try (InputStream in = new GZIPInputStream(Recorded.class.getResourceAsStream(name))) {
            return JmhJson.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A baseline kept in docs/bench (the tests run in the tools module). */
    static List<JmhResult> docsBench(String file) {
        Path p = Path.of("..", "docs", "bench", file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p.toAbsolutePath() + " is missing: run the tests from the tools module");
        }
        return JmhJson.read(p);
    }

    /**
     * {@code rs} with the results {@code which} accepts made slower by {@code factor} (1.10 is 10%
     * slower): every time (score, interval, iterations, percentiles, histogram medians) multiplied,
     * every throughput divided. The other results are unchanged.
     */
    static List<JmhResult> slower(List<JmhResult> rs, Predicate<JmhResult> which, double factor) {
        List<JmhResult> out = new ArrayList<>();
        for (JmhResult r : rs) {
            if (!which.test(r)) {
                out.add(r);
                continue;
            }
            double f = r.higherIsBetter() ? 1 / factor : factor;
            Metric m = r.primary();
            Metric scaled = new Metric(m.score() * f, m.error() * f, m.ciLow() * f, m.ciHigh() * f, m.unit());
            Map<String, Double> pct = new LinkedHashMap<>();
            r.percentiles().forEach((k, v) -> pct.put(k, v * f));
            Iterations it = r.iterations();
            out.add(new JmhResult(r.benchmark(), r.mode(), r.threads(), r.forks(), r.params(), scaled, pct,
                    r.samples(), r.stdErr() * f, r.secondary(), r.vm(), r.settings(),
                    new Iterations(times(it.scores(), f), times(it.p50(), f), times(it.p99(), f))));
        }
        return out;
    }

    private static List<double[]> times(List<double[]> forks, double f) {
        List<double[]> out = new ArrayList<>();
        for (double[] xs : forks) {
            double[] ys = xs.clone();
            for (int i = 0; i < ys.length; i++) {
                ys[i] *= f;
            }
            out.add(ys);
        }
        return out;
    }
}
