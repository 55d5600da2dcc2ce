package org.pcistress.explore.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;

/**
 * The scenario matrix: every entry point alone, and every pair (an entry with itself included),
 * explored under one profile. Each cell gets a verdict, the shortest counterexample of each
 * failure kind, and lockdep's predictions beside it.
 */
public final class Matrix {
    private Matrix() {
    }

    /** The cells to run: singles first, then pairs {@code i <= j} in row order. */
    public static List<List<Entry>> cells(List<Entry> entries) {
        List<List<Entry>> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(List.of(e));
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i; j < entries.size(); j++) {
                out.add(List.of(entries.get(i), entries.get(j)));
            }
        }
        return out;
    }

    public static String key(List<Entry> cell) {
        return String.join("+", cell.stream().map(Entry::id).toList());
    }

    /**
     * Explores every cell of {@code target} with {@code options}, reporting progress (one line
     * per cell) to {@code progress}.
     */
    public static MatrixResult run(MatrixTarget target, ExploreOptions options, Consumer<String> progress) {
        return run(target, cells(target.entries()), options, progress);
    }

    /** Explores the given cells only. */
    public static MatrixResult run(MatrixTarget target, List<List<Entry>> cells, ExploreOptions options,
                                   Consumer<String> progress) {
        long start = System.nanoTime();
        List<Cell> out = new ArrayList<>(cells.size());
        int width = String.valueOf(cells.size()).length();
        for (int i = 0; i < cells.size(); i++) {
            List<Entry> cell = cells.get(i);
            Cell c = runCell(target, cell, options);
            out.add(c);
            progress.accept(String.format(Locale.ROOT, "[%" + width + "d/%d] %-40s %-22s %7d executions %6.2f s%s",
                    i + 1, cells.size(), c.key(), c.verdict(), c.executions(), c.millis() / 1000.0,
                    c.exhausted() ? "" : "  (not exhausted)"));
        }
        return new MatrixResult(target.spec(), options.boundText(), target.entries(), out,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Explores one cell. */
    public static Cell runCell(MatrixTarget target, List<Entry> cell, ExploreOptions options) {
        CellPlan plan = target.plan(cell);
        ExploreResult r = Explorer.explore(plan.scenario(), options);
        List<CellFailure> failures = new ArrayList<>();
        for (Counterexample c : r.counterexamples().values()) {
            failures.add(CellFailure.of(c));
        }
        List<String> entries = cell.stream().map(Entry::id).toList();
        return new Cell(key(cell), entries, plan.initialState(), r.verdict(), r.exhausted(), r.coverage(),
                r.executions(), r.elapsedNanos() / 1_000_000, failures, r.predictions(), note(r, target.kernelLockdepWatched()));
    }

    /**
     * How lockdep's predictions and the explorer's verdict relate. A prediction of the kernel's own
     * flavour has "(kernel lockdep)" in its title; where only pcistress's flavour predicted a
     * deadlock that the kernel flavour also watched, the note says the kernel would stay silent.
     */
    static String note(ExploreResult r, boolean kernelWatched) {
        boolean deadlock = r.counterexamples().containsKey("DEADLOCK");
        boolean kernel = r.predictions().stream().anyMatch(p -> p.contains(KERNEL_TAG));
        boolean ours = r.predictions().stream().anyMatch(p -> !p.contains(KERNEL_TAG));
        boolean predicted = kernel || ours;
        if (predicted && !deadlock) {
            return "predicted by lockdep, not reached by any explored schedule"
                    + (r.exhausted() ? " (" + r.options().boundText() + ")" : " (search not exhausted)");
        }
        if (deadlock && !predicted) {
            return "lockdep silent: the cycle runs through waits it does not validate"
                    + " (pci_cfg_access_lock, a condition, or a lock class the flavour skips)";
        }
        if (deadlock && ours && !kernel && kernelWatched) {
            return "lockdep predicted it too (pcistress only: the kernel's lockdep cannot see it)";
        }
        if (deadlock) {
            return "lockdep predicted it too";
        }
        return "";
    }

    private static final String KERNEL_TAG = "(kernel lockdep)";
}
