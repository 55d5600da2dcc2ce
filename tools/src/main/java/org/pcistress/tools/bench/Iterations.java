package org.pcistress.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A result's measurements one iteration at a time, by fork, from JMH's JSON: what the gate's test
 * runs on, so that the variance it sees is the variance between iterations and between forks
 * (JVM launches), not the spread of single operations.
 *
 * @param scores the iteration scores ({@code rawData}): one mean (or rate) per iteration
 * @param p50    for sample mode, each iteration's median, from its histogram ({@code rawDataHistogram});
 *               empty otherwise
 * @param p99    likewise, each iteration's 99th percentile
 */
public record Iterations(List<double[]> scores, List<double[]> p50, List<double[]> p99) {

    /** No per-iteration data (a hand-made or trimmed file). */
    public static final Iterations NONE = new Iterations(List.of(), List.of(), List.of());

    /** Reads {@code rawData} and {@code rawDataHistogram} of one JMH metric object. */
    static Iterations of(JsonNode metric) {
        List<double[]> scores = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            List<Double> it = new ArrayList<>();
            for (JsonNode v : fork) {
                Double x = JmhJson.number(v);
                if (x != null) {
                    it.add(x);
                }
            }
            scores.add(it.stream().mapToDouble(Double::doubleValue).toArray());
        }
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        for (JsonNode fork : metric.path("rawDataHistogram")) {
            List<double[]> histograms = new ArrayList<>();
            for (JsonNode iteration : fork) {
                List<double[]> pairs = new ArrayList<>();
                for (JsonNode pair : iteration) {
                    Double x = JmhJson.number(pair.path(0));
                    Double c = JmhJson.number(pair.path(1));
                    if (x != null && c != null && c > 0) {
                        pairs.add(new double[] {x, c});
                    }
                }
                if (!pairs.isEmpty()) {
                    histograms.add(flatten(pairs));
                }
            }
            p50.add(histograms.stream().mapToDouble(h -> percentile(h, 0.50)).toArray());
            p99.add(histograms.stream().mapToDouble(h -> percentile(h, 0.99)).toArray());
        }
        return new Iterations(scores, p50, p99);
    }

    /** Is there a median per iteration (a sample-mode result with its histograms)? */
    public boolean hasPercentiles() {
        return count(p50) > 0;
    }

    /** How many forks contributed at least one iteration to {@code statistic}. */
    public static int forks(List<double[]> statistic) {
        int n = 0;
        for (double[] f : statistic) {
            n += f.length > 0 ? 1 : 0;
        }
        return n;
    }

    /** Every iteration of every fork, in order. */
    public static double[] all(List<double[]> statistic) {
        double[] out = new double[count(statistic)];
        int i = 0;
        for (double[] f : statistic) {
            System.arraycopy(f, 0, out, i, f.length);
            i += f.length;
        }
        return out;
    }

    static int count(List<double[]> statistic) {
        int n = 0;
        for (double[] f : statistic) {
            n += f.length;
        }
        return n;
    }

    /** {values..., counts...} sorted by value: a histogram in two halves. */
    private static double[] flatten(List<double[]> pairs) {
        pairs.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] h = new double[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            h[i] = pairs.get(i)[0];
            h[pairs.size() + i] = pairs.get(i)[1];
        }
        return h;
    }

    /** The smallest value with at least {@code q} of the counts at or below it. */
    static double percentile(double[] h, double q) {
        int k = h.length / 2;
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += h[k + i];
        }
        double seen = 0;
        for (int i = 0; i < k; i++) {
            seen += h[k + i];
            if (seen >= q * total) {
                return h[i];
            }
        }
        return h[k - 1];
    }
}
