package org.pcistress.tools.bench;

import java.util.Map;

/**
 * One element of JMH's JSON output: one benchmark method under one combination of parameters.
 *
 * @param benchmark   the fully qualified method, {@code org.pcistress.bench.locking.LockingBench_01_….lockUnlock}
 * @param mode        {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params      the {@code @Param} values, in JMH's order
 * @param primary     the score and its error
 * @param percentiles the primary metric's percentiles by JMH's key ({@code "50.0"}, {@code "99.9"})
 * @param samples     how many measurements the score is the mean of
 * @param stdErr      the standard error of the score (one sigma); {@code NaN} when unknown
 * @param secondary   secondary metrics by name ({@code ·gc.alloc.rate.norm} with {@code -prof gc})
 * @param settings    the run's iteration settings, as text
 * @param iterations  the measurements per fork and iteration, what {@link Comparison} tests
 */
public record JmhResult(String benchmark, String mode, int threads, int forks, Map<String, String> params,
        Metric primary, Map<String, Double> percentiles, long samples, double stdErr,
        Map<String, Metric> secondary, Vm vm, String settings, Iterations iterations) {

    /** The JVM a result was measured on, from the same JSON element. */
    public record Vm(String jdkVersion, String vmName, String vmVersion, String jmhVersion) {
    }

    /** The simple class name: {@code LockingBench_01_MutexUncontended}. */
    public String className() {
        String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The method name: {@code lockUnlock}; for a {@code @Group} member, {@code group:method}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code LockingBench_01_MutexUncontended.lockUnlock}. */
    public String shortName() {
        return className() + "." + method();
    }

    /** What identifies a result across two runs: the method, its parameters and the mode. */
    public String key() {
        return benchmark + " " + Fmt.params(params) + " " + mode;
    }

    /** {@code LockingBench_01_MutexUncontended.lockUnlock [checking=both] avgt}. */
    public String label() {
        String p = Fmt.params(params);
        return shortName() + (p.isEmpty() ? "" : " " + p) + " " + mode;
    }

    /** Is a higher score better (throughput), or a lower one (any time mode)? */
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    /** Bytes allocated per operation, from {@code -prof gc}; {@code null} without it. */
    public Metric allocationPerOp() {
        for (Map.Entry<String, Metric> e : secondary.entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue();
            }
        }
        return null;
    }
}
