package org.pcistress.tools.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pcistress.tools.cli.Durations;

/**
 * How a time budget becomes jcstress 0.16 options. 0.16 has no time budget of its own, so the
 * plan fixes every knob that decides how long a run takes:
 *
 * <ul>
 *   <li>{@code -m quick} as the base preset (one fork per configuration, no stress-fork multiplier);</li>
 *   <li>{@code -jvmArgs} set, so jcstress runs one JVM mode instead of its four (C2 stress flags),
 *       and {@code -sc false}, so it runs one compilation mode instead of seven. Our races are lock
 *       orders in model code, not JIT reorderings: compiler modes add time, not coverage. On JDK 17
 *       jcstress still runs each test with and without biased locking: two configurations per test
 *       (one on JDK 18+, where the flag is gone);</li>
 *   <li>{@code -f 1 -fsm 1}, {@code -c 2} (every test has two actors);</li>
 *   <li>{@code -iters} and {@code -time} from the budget left per configuration;</li>
 *   <li>small strides (below).</li>
 * </ul>
 *
 * <p>{@code -strideSize 16 -strideCount 4}: a model sample boots a PCI core and may start
 * kworker threads, so with quick's strides (256 x 40 samples per epoch, several seconds of work)
 * an iteration overshot {@code -time} by 3 to 10 times; epochs of 64 samples keep it honest, and
 * actors that meet every 16 samples overlap more often (EEH_01.Upstream510: DOUBLE_REMOVE 2.6% of
 * samples instead of 0.8%).
 *
 * <p>The cost model was measured on the shared 2-core box (load average 4 to 6 from other jobs):
 * about 7 to 17 s of VM probing before the first test, about 3 s to start and tear down each
 * forked VM, and {@code -time} plus about 0.1 s per iteration. It is padded (15 s, 4 s, 0.5 s)
 * because the load there reaches 10 and more, which stretches everything. The plan aims at 80%
 * of the budget; the stress command kills the run at 100%. When even the smallest plan (one
 * 100 ms iteration per forked VM) exceeds the budget on that model, the plan says so
 * ({@link #fits()}) and runs anyway; only a budget no machine could meet (8 s of probing plus
 * 1.5 s per forked VM) is refused.
 *
 * @param budget the whole budget
 * @param tests how many tests the selection runs
 * @param configurationsPerTest forked VMs per test (2 on JDK 17)
 * @param iterations {@code -iters}
 * @param timeMs {@code -time}
 * @param estimate what the cost model expects the run to take
 */
public record RunPlan(Duration budget, int tests, int configurationsPerTest, int iterations, int timeMs, Duration estimate) {
    static final double STARTUP_S = 15.0;
    static final double FORK_S = 4.0;
    static final double ITERATION_OVERHEAD_S = 0.5;
    static final double FLOOR_STARTUP_S = 8.0;
    static final double FLOOR_FORK_S = 1.5;
    static final double AIM = 0.80;
    static final int MIN_TIME_MS = 100;
    static final int MAX_TIME_MS = 20_000;
    static final int MAX_ITERATIONS = 5;
    static final int STRIDE_SIZE = 16;
    static final int STRIDE_COUNT = 4;
    /** Every pcistress test has two actors; jcstress drops a test with more actors than {@code -c}. */
    static final int CPUS = 2;
    /** Fork heap: jcstress's own default trim, which {@code -jvmArgs} would otherwise switch off. */
    static final String JVM_ARGS = "-Xms256m -Xmx256m -XX:ParallelGCThreads=2 -XX:CICompilerCount=2";

    /** The plan for {@code tests} tests in {@code budget}; throws if no machine could run them in it. */
    public static RunPlan forBudget(Duration budget, int tests, int configurationsPerTest) {
        if (tests <= 0) {
            throw new IllegalArgumentException("no tests to plan for");
        }
        int runs = tests * configurationsPerTest;
        double floor = FLOOR_STARTUP_S + runs * FLOOR_FORK_S;
        if (budget.toMillis() / 1000.0 < floor) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "a budget of %s is too small for %d tests (%d forked VMs): no machine runs them in under %s",
                    Durations.format(budget), tests, runs, Durations.format(Duration.ofSeconds((long) Math.ceil(floor)))));
        }
        double perRun = (budget.toMillis() / 1000.0 * AIM - STARTUP_S) / runs;
        double work = perRun - FORK_S;
        int iterations = (int) Math.max(1, Math.min(MAX_ITERATIONS, Math.floor(work / (1.0 + ITERATION_OVERHEAD_S))));
        int timeMs = (int) Math.max(MIN_TIME_MS, Math.min(MAX_TIME_MS, (work / iterations - ITERATION_OVERHEAD_S) * 1000));
        return new RunPlan(budget, tests, configurationsPerTest, iterations, timeMs, estimate(runs, iterations, timeMs));
    }

    /** Samples per millisecond of measured time that even a loaded 2-core machine exceeds (measured: 2.5 to 3). */
    static final double SAMPLES_PER_MS_FLOOR = 0.5;
    /** No fewer samples than this make a pass, whatever the budget. */
    static final long MIN_SAMPLES_FLOOR = 1_000;

    /**
     * The fewest samples on which a variant whose bug must stay absent (a fix, no canary) is
     * PASSED; below it, INCONCLUSIVE. It scales with the measured time the plan gives each variant
     * ({@code configurations x iterations x time}) at a rate a loaded machine still reaches, and is
     * never under 1,000: the bugs the fixes remove show at 2% to 80% of samples in their upstream
     * variants (docs/STRESS.md), so 1,000 clean samples leave a chance below 1e-8 that such a bug
     * is still there and was missed.
     */
    public long minSamples() {
        long scaled = (long) (configurationsPerTest * (long) iterations * timeMs * SAMPLES_PER_MS_FLOOR);
        return Math.max(MIN_SAMPLES_FLOOR, scaled);
    }

    /** Does the cost model expect the run to end inside the budget? */
    public boolean fits() {
        return estimate.compareTo(budget) <= 0;
    }

    /** Forked VMs per test for the JVM that will run jcstress: biased locking is gone in JDK 18. */
    public static int configurationsPerTest(int javaFeatureVersion) {
        return javaFeatureVersion < 18 ? 2 : 1;
    }

    static Duration estimate(int runs, int iterations, int timeMs) {
        double s = STARTUP_S + runs * (FORK_S + iterations * (timeMs / 1000.0 + ITERATION_OVERHEAD_S));
        return Duration.ofMillis((long) (s * 1000));
    }

    /** jcstress's options for this plan (after {@code java -jar jcstress.jar}). */
    public List<String> jcstressArgs(String testRegex, String reportDir) {
        List<String> a = new ArrayList<>(List.of("-m", "quick", "-c", String.valueOf(CPUS), "-f", "1", "-fsm", "1",
                "-iters", String.valueOf(iterations), "-time", String.valueOf(timeMs),
                "-strideSize", String.valueOf(STRIDE_SIZE), "-strideCount", String.valueOf(STRIDE_COUNT), "-sc", "false",
                "-jvmArgs", JVM_ARGS, "-v", "-r", reportDir));
        a.add("-t");
        a.add(testRegex);
        return a;
    }
}
