package org.pcistress.explore.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Scenario;
import org.pcistress.model.entry.EntryPoint;

/**
 * The measurement behind docs/EXPLORER.md's table "bounded, unbounded, DPOR": off unless
 * {@code -Dmeasure.out=FILE} is given (it runs for minutes). Per profile: the plain search at
 * bounds 2 and 3, the plain search without a bound and DPOR (each capped), cell by cell; then the
 * matrix as it ran before (bound 2, one worker) and as it runs by default (every schedule within
 * the proof budget, else bound 2; one worker per core), each timed as a whole. Then the two fix
 * proofs for bind_pf+aer.
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

    /** Totals of one search mode over a profile's cells. */
    private static final class Tally {
        long executions;
        double seconds;
        int finished;
        int selfCheck;

        void add(ExploreResult r) {
            executions += r.executions();
            seconds += r.seconds();
            finished += r.exhausted() ? 1 : 0;
        }

        String text(int cells) {
            return String.format(Locale.ROOT, "%8d executions %7.1f s  %3d/%d finished%s", executions, seconds, finished,
                    cells, selfCheck > 0 ? "  " + selfCheck + " stopped by the self-check" : "");
        }
    }

    private static Set<String> kinds(ExploreResult r) {
        return new TreeSet<>(r.counterexamples().keySet());
    }

    @Test
    void measure() {
        long plainCap = Long.getLong("measure.plainCap", 5_000);
        long dporCap = Long.getLong("measure.dporCap", 20_000);
        for (String spec : System.getProperty("measure.profiles", "v4.14,v5.10,v6.18,v6.19,v7.0").split(",")) {
            PciTarget t = new PciTarget(spec);
            List<List<Entry>> cells = Matrix.cells(t.entries());
            Tally b2 = new Tally();
            Tally b3 = new Tally();
            Tally plain = new Tally();
            Tally dpor = new Tally();
            int wider = 0;
            for (List<Entry> cell : cells) {
                Scenario s = t.plan(cell).scenario();
                ExploreResult r2 = Explorer.explore(s, MINIMAL);
                ExploreResult r3 = Explorer.explore(s, MINIMAL.withPreemptionBound(3));
                ExploreResult ru = Explorer.explore(s, MINIMAL.withPreemptionBound(-1).withMaxExecutions(plainCap));
                b2.add(r2);
                b3.add(r3);
                plain.add(ru);
                String d;
                try {
                    ExploreResult rd = Explorer.explore(s, MINIMAL.withDpor().withMaxExecutions(dporCap));
                    dpor.add(rd);
                    d = rd.executions() + (rd.exhausted() ? " finished " + kinds(rd) : " open");
                    if (rd.exhausted() && !kinds(rd).containsAll(kinds(r3))) {
                        d += " MISSES " + kinds(r3);
                    }
                    wider += rd.exhausted() && !kinds(rd).equals(kinds(r3)) ? 1 : 0;
                } catch (IllegalStateException e) {
                    dpor.selfCheck++;
                    d = "self-check: " + e.getMessage();
                }
                out(String.format(Locale.ROOT, "%s %-24s b2 %6d %s | b3 %6d | plain-unbounded %6d %s | dpor %s", spec,
                        Matrix.key(cell), r2.executions(), r2.claim(), r3.executions(),
                        ru.executions(), ru.exhausted() ? "finished" : "open", d));
            }
            long t1 = System.nanoTime();
            MatrixResult before = Matrix.run(t, cells, MINIMAL, 0, 1, x -> { });
            double wallBefore = (System.nanoTime() - t1) / 1e9;
            long t0 = System.nanoTime();
            MatrixResult m = Matrix.run(t, cells, MINIMAL, x -> { });
            double wall = (System.nanoTime() - t0) / 1e9;
            long proved = m.proved();
            long within = m.cells().stream().filter(c -> c.claim().startsWith("exhausted within")).count();
            long budget = m.cells().stream().filter(c -> c.claim().startsWith("budget")).count();
            out("PROFILE " + spec + " (" + cells.size() + " cells)");
            out("  plain b2        " + b2.text(cells.size()));
            out("  plain b3        " + b3.text(cells.size()));
            out("  plain unbounded " + plain.text(cells.size()) + " (cap " + plainCap + ")");
            out("  dpor            " + dpor.text(cells.size()) + " (cap " + dporCap + "), " + wider
                    + " finished cells with other kinds than bound 3");
            out(String.format(Locale.ROOT, "  matrix bound 2, 1 worker (the previous default) %8d executions %7.1f s wall: %d proved",
                    before.executions(), wallBefore, before.proved()));
            out(String.format(Locale.ROOT, "  matrix default  %8d executions %7.1f s wall, %d workers: %d proved, %d within 2,"
                    + " %d budget hit", m.executions(), wall, Runtime.getRuntime().availableProcessors(), proved, within, budget));
        }
        for (String spec : new String[] {"v4.14+list-snapshot", "v4.14+deferred-enumeration"}) {
            Scenario s = new PciTarget(spec).plan(List.of(PciTarget.entry(EntryPoint.BIND_PF),
                    PciTarget.entry(EntryPoint.AER))).scenario();
            ExploreOptions long60 = MINIMAL.withTimeBudget(Duration.ofSeconds(Long.getLong("measure.fixSeconds", 60)));
            for (ExploreOptions o : new ExploreOptions[] {long60, long60.withPreemptionBound(3),
                    long60.withPreemptionBound(-1), long60.withDpor()}) {
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
    }
}
