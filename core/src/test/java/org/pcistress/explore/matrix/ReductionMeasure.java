package org.pcistress.explore.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.model.entry.EntryPoint;

/**
 * The measurement behind docs/EXPLORER.md's tables "plain and DPOR": off unless
 * {@code -Dmeasure.out=FILE} is given (it runs for many minutes). Per profile, cell by cell: the
 * plain search and DPOR at bounds 2 and 3 and without a bound (both capped alike), with whether
 * DPOR's kinds and shortest counterexamples equal the plain search's at the same bound; then the
 * matrix as the main job runs it (the default: DPOR without a bound within the proof budget, else
 * the plain search within bound 2) against the old bound-2 matrix ({@code --proof-executions 0}),
 * and {@code --dpor} (bounded DPOR for the bounded search) with and without the proof attempt, each
 * on 1 and 2 workers and timed as a whole. Then the two fix proofs for
 * bind_pf+aer.
 */
@EnabledIfSystemProperty(named = "measure.out", matches = ".+")
class ReductionMeasure {
    private static final ExploreOptions MINIMAL = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL)
            .withTimeBudget(Duration.ofSeconds(20));

    private static void out(String line) {
        try {
            Files.writeString(Path.of(System.getProperty("measure.out")), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Totals of one search mode over a profile's cells. */
    private static final class Tally {
        final String name;
        long executions;
        double seconds;
        int proved;
        int within;
        int budget;
        int selfCheck;
        int otherKinds;
        int otherShortest;

        Tally(String name) {
            this.name = name;
        }

        void add(ExploreResult r) {
            executions += r.executions();
            seconds += r.seconds();
            proved += r.exhausted() && r.boundReached() < 0 ? 1 : 0;
            within += r.exhausted() && r.boundReached() >= 0 ? 1 : 0;
            budget += r.exhausted() ? 0 : 1;
        }

        /** Compares with the plain search of the same bound, where both finished. */
        String against(ExploreResult plain, ExploreResult r) {
            if (!plain.exhausted() || !r.exhausted()) {
                return "";
            }
            if (!plain.counterexamples().keySet().equals(r.counterexamples().keySet())) {
                otherKinds++;
                return " KINDS " + shortest(plain) + " vs " + shortest(r);
            }
            if (!shortest(plain).equals(shortest(r))) {
                otherShortest++;
                return " SHORTEST " + shortest(plain) + " vs " + shortest(r);
            }
            return "";
        }

        String text(int cells) {
            return String.format(Locale.ROOT, "  %-16s %9d executions %8.1f s  proved %3d, within the bound %3d,"
                    + " budget hit %3d of %d%s%s", name, executions, seconds, proved, within, budget, cells,
                    selfCheck > 0 ? ", " + selfCheck + " stopped by the self-check" : "",
                    otherKinds + otherShortest > 0 ? ", differs from plain: kinds " + otherKinds + ", shortest "
                            + otherShortest : "");
        }
    }

    private static Map<String, Integer> shortest(ExploreResult r) {
        Map<String, Integer> out = new TreeMap<>();
        r.counterexamples().forEach((k, c) -> out.put(k, c.length()));
        return out;
    }

    /** Runs {@code o}; a self-check stop counts and says so. */
    private static ExploreResult run(Scenario s, ExploreOptions o, Tally t, StringBuilder line) {
        try {
            ExploreResult r = Explorer.explore(s, o);
            t.add(r);
            line.append(String.format(Locale.ROOT, " | %s %d %s", t.name, r.executions(),
                    r.exhausted() ? (r.boundReached() < 0 ? "all" : "bound") : "open"));
            return r;
        } catch (IllegalStateException e) {
            t.selfCheck++;
            line.append(" | ").append(t.name).append(" self-check: ").append(e.getMessage());
            return null;
        }
    }

    private static String matrix(PciTarget t, List<List<Entry>> cells, ExploreOptions o, long proof, int workers) {
        long t0 = System.nanoTime();
        MatrixResult m;
        try {
            m = Matrix.run(t, cells, o, proof, workers, x -> { });
        } catch (IllegalStateException e) {
            return "self-check: " + e.getMessage();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long within = m.cells().stream().filter(c -> c.claim().startsWith("exhausted within")).count();
        long budget = m.cells().stream().filter(c -> c.claim().startsWith("budget")).count();
        return String.format(Locale.ROOT, "%9d executions %7.1f s wall: proved %d, within the bound %d, budget hit %d,"
                + " failing %d", m.executions(), wall, m.proved(), within, budget, m.failing());
    }

    @Test
    void measure() {
        long cap = Long.getLong("measure.cap", 5_000);
        out("START " + Instant.now() + " load " + load() + " cores " + Runtime.getRuntime().availableProcessors());
        for (String spec : System.getProperty("measure.profiles", "v4.14,v5.10,v6.18,v6.19,v7.0").split(",")) {
            PciTarget t = new PciTarget(spec);
            List<List<Entry>> cells = Matrix.cells(t.entries());
            Tally p2 = new Tally("plain <=2");
            Tally d2 = new Tally("DPOR <=2");
            Tally p3 = new Tally("plain <=3");
            Tally d3 = new Tally("DPOR <=3");
            Tally pu = new Tally("plain unbounded");
            Tally du = new Tally("DPOR unbounded");
            for (List<Entry> cell : cells) {
                Scenario s = t.plan(cell).scenario();
                StringBuilder line = new StringBuilder(spec + " " + Matrix.key(cell));
                for (int bound : new int[] {2, 3}) {
                    Tally tp = bound == 2 ? p2 : p3;
                    Tally td = bound == 2 ? d2 : d3;
                    ExploreResult rp = run(s, MINIMAL.withPreemptionBound(bound), tp, line);
                    ExploreResult rd = run(s, MINIMAL.withPreemptionBound(bound).withDpor(), td, line);
                    if (rp != null && rd != null) {
                        line.append(td.against(rp, rd));
                    }
                }
                ExploreOptions unbounded = MINIMAL.withPreemptionBound(-1).withMaxExecutions(cap);
                ExploreResult rp = run(s, unbounded, pu, line);
                ExploreResult rd = run(s, unbounded.withDpor(), du, line);
                if (rp != null && rd != null) {
                    line.append(du.against(rp, rd));
                }
                out(line.toString());
            }
            out("PROFILE " + spec + " (" + cells.size() + " cells; unbounded searches capped at " + cap
                    + " executions per cell) load " + load());
            for (Tally x : new Tally[] {p2, d2, p3, d3, pu, du}) {
                out(x.text(cells.size()));
            }
            for (int w : new int[] {1, 2}) {
                out("  matrix old bound 2 (--proof-executions 0), " + w + " worker(s): " + matrix(t, cells, MINIMAL, 0, w));
                out("  matrix default (DPOR proof attempt, plain bound 2), " + w + " worker(s): "
                        + matrix(t, cells, MINIMAL, Matrix.PROOF_EXECUTIONS, w));
                out("  matrix --dpor (DPOR proof attempt, bounded DPOR 2), " + w + " worker(s): "
                        + matrix(t, cells, MINIMAL.withDpor(), Matrix.PROOF_EXECUTIONS, w));
                out("  matrix --dpor --proof-executions 0 (bounded DPOR 2 only), " + w + " worker(s): "
                        + matrix(t, cells, MINIMAL.withDpor(), 0, w));
            }
        }
        for (String spec : new String[] {"v4.14+list-snapshot", "v4.14+deferred-enumeration"}) {
            Scenario s = new PciTarget(spec).plan(List.of(PciTarget.entry(EntryPoint.BIND_PF),
                    PciTarget.entry(EntryPoint.AER))).scenario();
            ExploreOptions fix = MINIMAL.withTimeBudget(Duration.ofSeconds(Long.getLong("measure.fixSeconds", 60)));
            for (ExploreOptions o : new ExploreOptions[] {fix, fix.withDpor(), fix.withPreemptionBound(3),
                    fix.withPreemptionBound(3).withDpor(), fix.withPreemptionBound(-1),
                    fix.withPreemptionBound(-1).withDpor()}) {
                String line;
                try {
                    ExploreResult r = Explorer.explore(s, o);
                    line = String.format(Locale.ROOT, "%8d executions %7.2f s %s %s", r.executions(), r.seconds(),
                            r.verdict(), r.claim());
                } catch (IllegalStateException e) {
                    line = "self-check: " + e.getMessage();
                }
                out("FIX " + spec + " bind_pf+aer " + o.boundText() + ": " + line);
            }
        }
        out("END " + Instant.now() + " load " + load());
    }
}
