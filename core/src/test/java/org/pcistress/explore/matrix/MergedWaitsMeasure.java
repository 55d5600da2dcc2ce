package org.pcistress.explore.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;

/**
 * The measurement behind docs/EXPLORER.md's "Granted waits merged": off unless
 * {@code -Dmeasure.merged=FILE} is given. For every cell of the main job's specs, DPOR with granted
 * waits merged against DPOR reversing every race (itself checked against the plain search), without
 * a bound and within {@code measure.bounds}: the same failure kinds, shortest counterexample lengths
 * and lockdep predictions wherever both finished; and the plain search within the same bounds,
 * for the executions.
 */
@EnabledIfSystemProperty(named = "measure.merged", matches = ".+")
class MergedWaitsMeasure {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL)
            .withTimeBudget(Duration.ofSeconds(60));

    private static void out(String line) {
        org.pcistress.explore.MeasureLog.append("measure.merged", line);
    }

    private static String disagreement(ExploreResult a, ExploreResult b) {
        if (a == null || b == null || !a.exhausted() || !b.exhausted()) {
            return null;
        }
        String why = "";
        if (!DporSoundnessTest.shortest(a).equals(DporSoundnessTest.shortest(b))) {
            why += " shortest " + DporSoundnessTest.shortest(a) + " vs " + DporSoundnessTest.shortest(b);
        }
        if (!new TreeSet<>(a.predictions()).equals(new TreeSet<>(b.predictions()))) {
            why += " predictions " + new TreeSet<>(a.predictions()) + " vs " + new TreeSet<>(b.predictions());
        }
        return why.isEmpty() ? null : why;
    }

    private static ExploreResult run(org.pcistress.explore.Scenario s, ExploreOptions o) {
        try {
            return Explorer.explore(s, o);
        } catch (IllegalStateException e) {
            out("ERROR " + s.name() + " " + o.boundText() + ": " + e.getMessage());
            return null;
        }
    }

    @Test
    void measure() throws Exception {
        long cap = Long.getLong("measure.cap", 3_000);
        int workers = Integer.getInteger("measure.workers", Runtime.getRuntime().availableProcessors());
        boolean plain = Boolean.parseBoolean(System.getProperty("measure.plain", "true"));
        List<Integer> bounds = new ArrayList<>();
        for (String b : System.getProperty("measure.bounds", "-1,3").split(",")) {
            bounds.add(Integer.parseInt(b.trim()));
        }
        List<String> specs = List.of(System.getProperty("measure.specs", "v4.14,v5.10,v6.18,v6.19,v7.0").split(","));
        out("load at start: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                + "; cap " + cap + "; bounds " + bounds + "; " + workers + " workers");
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (String spec : specs) {
                PciTarget t = new PciTarget(spec);
                for (int bound : bounds) {
                    ExploreOptions o = MINIMAL.withPreemptionBound(bound).withMaxExecutions(cap);
                    List<Future<String>> fs = new ArrayList<>();
                    long[] sum = new long[6];
                    double[] secs = new double[3];
                    for (var cell : Matrix.cells(t.entries())) {
                        fs.add(pool.submit(() -> {
                            // a scenario each: its lockdep predictions are gathered once per scenario object
                            ExploreResult merged = run(t.plan(cell).scenario(), o.withDpor());
                            ExploreResult every = run(t.plan(cell).scenario(), o.withDpor().withMergeGrantedWaits(false));
                            ExploreResult p = plain && bound >= 0 ? run(t.plan(cell).scenario(), o) : null;
                            synchronized (sum) {
                                sum[0] += merged == null ? 0 : merged.executions();
                                sum[1] += every == null ? 0 : every.executions();
                                sum[2] += p == null ? 0 : p.executions();
                                sum[3] += merged != null && merged.exhausted() ? 1 : 0;
                                sum[4] += every != null && every.exhausted() ? 1 : 0;
                                sum[5] += p != null && p.exhausted() ? 1 : 0;
                                secs[0] += merged == null ? 0 : merged.seconds();
                                secs[1] += every == null ? 0 : every.seconds();
                                secs[2] += p == null ? 0 : p.seconds();
                            }
                            String why = disagreement(every, merged);
                            String whyPlain = disagreement(p, merged);
                            return String.format(Locale.ROOT, "%s %s %-28s merged %6s %-5s every %6s %-5s plain %6s %-5s %s%s%s",
                                    spec, o.boundText(), Matrix.key(cell),
                                    merged == null ? "-" : merged.executions(), merged != null && merged.exhausted() ? "fin" : "open",
                                    every == null ? "-" : every.executions(), every != null && every.exhausted() ? "fin" : "open",
                                    p == null ? "-" : p.executions(), p != null && p.exhausted() ? "fin" : "open",
                                    merged == null ? "" : merged.verdict(),
                                    why == null ? "" : "  DISAGREES(every):" + why, whyPlain == null ? "" : "  DISAGREES(plain):" + whyPlain);
                        }));
                    }
                    for (Future<String> f : fs) {
                        out(f.get());
                    }
                    out(String.format(Locale.ROOT, "SUM %s %s: merged %d (%d finished, %.1f s), every race %d (%d, %.1f s),"
                            + " plain %d (%d, %.1f s)", spec, o.boundText(), sum[0], sum[3], secs[0], sum[1], sum[4], secs[1],
                            sum[2], sum[5], secs[2]));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
