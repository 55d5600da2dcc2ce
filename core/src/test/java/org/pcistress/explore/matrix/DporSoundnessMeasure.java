package org.pcistress.explore.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.model.entry.EntryPoint;

/**
 * The measurement behind docs/EXPLORER.md's "DPOR against the plain search": off unless
 * {@code -Dmeasure.dpor=FILE} is given (it runs for many minutes). For every cell of every
 * built-in profile and of v7.0 with each fix (what the main job's matrix runs): the plain search
 * without a bound and DPOR, each capped; where the plain search finished, DPOR must have finished
 * too, with the same failure kinds and the same shortest counterexample length per kind, and its
 * replay self-check must not have fired. Then the matrix with the plain proof attempt against the
 * DPOR one (wall, executions, cells proved), and the two fix proofs for bind_pf+aer.
 */
@EnabledIfSystemProperty(named = "measure.dpor", matches = ".+")
class DporSoundnessMeasure {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL)
            .withTimeBudget(Duration.ofSeconds(60));

    private static void out(String line) {
        org.pcistress.explore.MeasureLog.append("measure.dpor", line);
    }

    /** One cell: both searches, compared. */
    record Row(String cell, ExploreResult plain, ExploreResult dpor, String selfCheck) {
        boolean compared() {
            return plain.exhausted();
        }

        String disagreement() {
            if (selfCheck != null) {
                return "self-check: " + selfCheck;
            }
            if (!plain.exhausted()) {
                return null;
            }
            if (!dpor.exhausted()) {
                return "DPOR did not finish where the plain search did";
            }
            Map<String, Integer> p = DporSoundnessTest.shortest(plain);
            Map<String, Integer> d = DporSoundnessTest.shortest(dpor);
            return p.equals(d) ? null : "plain " + p + " DPOR " + d;
        }
    }

    static Row row(PciTarget t, List<Entry> cell, long plainCap, long dporCap) {
        Scenario s = t.plan(cell).scenario();
        ExploreResult plain;
        try {
            plain = Explorer.explore(s, MINIMAL.withPreemptionBound(-1).withMaxExecutions(plainCap));
        } catch (IllegalStateException e) { // a plain execution stalled (an overloaded machine): no comparison
            out("PLAIN-ERROR " + t.spec() + " " + Matrix.key(cell) + ": " + e.getMessage());
            plain = new ExploreResult(s.name(), MINIMAL, 0, 0, 0, 0, false, "error", -1, Map.of(), List.of());
        }
        try {
            return new Row(Matrix.key(cell), plain, Explorer.explore(s, MINIMAL.withDpor().withMaxExecutions(dporCap)), null);
        } catch (IllegalStateException e) {
            return new Row(Matrix.key(cell), plain, null, e.getMessage());
        }
    }

    @Test
    void measure() throws Exception {
        long plainCap = Long.getLong("measure.plainCap", 2_000);
        long dporCap = Long.getLong("measure.dporCap", 2_000);
        int workers = Integer.getInteger("measure.workers", Runtime.getRuntime().availableProcessors());
        long proofDpor = Long.getLong("measure.proofDpor", Matrix.PROOF_EXECUTIONS);
        List<String> specs = new ArrayList<>(List.of(System.getProperty("measure.profiles",
                "v4.14,v5.10,v6.18,v6.19,v7.0").split(",")));
        for (String f : System.getProperty("measure.fixes", "list-snapshot,deferred-enumeration,detach-outside-rescan,"
                + "reentrant-rescan,eeh-bus-get-nolock,pci-dev-lock-order,pciehp-unlock-for-binding").split(",")) {
            if (!f.isBlank()) {
                specs.add("v7.0+" + f);
            }
        }
        out("load at start: " + loadAverage() + "; caps: plain " + plainCap + ", DPOR " + dporCap + "; " + workers + " workers");
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            for (String spec : specs) {
                PciTarget t = new PciTarget(spec);
                List<List<Entry>> cells = Matrix.cells(t.entries());
                long w0 = System.nanoTime();
                List<Future<Row>> fs = new ArrayList<>();
                for (List<Entry> cell : cells) {
                    fs.add(pool.submit(() -> row(t, cell, plainCap, dporCap)));
                }
                long pe = 0;
                long de = 0;
                double ps = 0;
                double ds = 0;
                int pf = 0;
                int df = 0;
                int compared = 0;
                int bad = 0;
                for (Future<Row> f : fs) {
                    Row r = f.get();
                    pe += r.plain().executions();
                    ps += r.plain().seconds();
                    pf += r.plain().exhausted() ? 1 : 0;
                    if (r.dpor() != null) {
                        de += r.dpor().executions();
                        ds += r.dpor().seconds();
                        df += r.dpor().exhausted() ? 1 : 0;
                    }
                    compared += r.compared() ? 1 : 0;
                    String why = r.disagreement();
                    bad += why == null ? 0 : 1;
                    out(String.format(Locale.ROOT, "%s %-28s plain %6d %-8s %-28s | dpor %6s %-8s %s%s", spec, r.cell(),
                            r.plain().executions(), r.plain().exhausted() ? "finished" : "open", r.plain().verdict(),
                            r.dpor() == null ? "-" : String.valueOf(r.dpor().executions()),
                            r.dpor() == null ? "-" : r.dpor().exhausted() ? "finished" : "open",
                            r.dpor() == null ? "" : r.dpor().verdict(), why == null ? "" : "  DISAGREES: " + why));
                }
                double wall = (System.nanoTime() - w0) / 1e9;
                out(String.format(Locale.ROOT, "SPEC %s (%d cells, %.1f s wall): plain %d executions %.1f s, %d finished;"
                        + " DPOR %d executions %.1f s, %d finished; compared %d, disagreeing %d", spec, cells.size(), wall,
                        pe, ps, pf, de, ds, df, compared, bad));
                matrices(t, cells, workers, proofDpor);
            }
        } finally {
            pool.shutdownNow();
        }
        fixProofs();
        out("load at end: " + loadAverage());
    }

    /** The matrix as the main job runs it, with the plain proof attempt and with the DPOR one. */
    private static void matrices(PciTarget t, List<List<Entry>> cells, int workers, long proofDpor) {
        ExploreOptions o = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL).withTimeBudget(Duration.ofSeconds(20));
        long a = System.nanoTime();
        MatrixResult plain = Matrix.run(t, cells, o, Matrix.PROOF_EXECUTIONS, false, workers, x -> { });
        double pw = (System.nanoTime() - a) / 1e9;
        long b = System.nanoTime();
        MatrixResult dpor = Matrix.run(t, cells, o, proofDpor, true, workers, x -> { });
        double dw = (System.nanoTime() - b) / 1e9;
        int sameVerdicts = 0;
        for (int i = 0; i < cells.size(); i++) {
            sameVerdicts += plain.cells().get(i).verdict().equals(dpor.cells().get(i).verdict()) ? 1 : 0;
        }
        out(String.format(Locale.ROOT, "MATRIX %s plain-proof(%d): %d executions %.1f s wall, %d proved | dpor-proof(%d):"
                + " %d executions %.1f s wall, %d proved | same verdict %d/%d", t.spec(), Matrix.PROOF_EXECUTIONS,
                plain.executions(), pw, plain.proved(), proofDpor, dpor.executions(), dw, dpor.proved(), sameVerdicts,
                cells.size()));
        for (int i = 0; i < cells.size(); i++) {
            if (!plain.cells().get(i).verdict().equals(dpor.cells().get(i).verdict())) {
                out("  verdict " + plain.cells().get(i).key() + ": " + plain.cells().get(i).verdict() + " ("
                        + plain.cells().get(i).claim() + ") vs " + dpor.cells().get(i).verdict() + " ("
                        + dpor.cells().get(i).claim() + ")");
            }
        }
    }

    private static void fixProofs() {
        for (String spec : new String[] {"v4.14+list-snapshot", "v4.14+deferred-enumeration"}) {
            Scenario s = new PciTarget(spec).plan(List.of(PciTarget.entry(EntryPoint.BIND_PF),
                    PciTarget.entry(EntryPoint.AER))).scenario();
            ExploreOptions o = MINIMAL.withTimeBudget(Duration.ofSeconds(Long.getLong("measure.fixSeconds", 60)));
            for (ExploreOptions x : new ExploreOptions[] {o.withPreemptionBound(-1), o.withDpor()}) {
                ExploreResult r = Explorer.explore(s, x);
                out(String.format(Locale.ROOT, "FIX %s bind_pf+aer %s: %d executions (%d covered) %.2f s %s %s", spec,
                        x.boundText(), r.executions(), r.covered(), r.seconds(), r.verdict(), r.claim()));
            }
        }
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f (1-minute load average, %d cores)",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }
}
