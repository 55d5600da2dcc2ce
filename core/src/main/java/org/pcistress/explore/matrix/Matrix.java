package org.pcistress.explore.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Finding;
import org.pcistress.explore.SetupFailed;

/**
 * The scenario matrix: every entry point alone, and every pair (an entry with itself included),
 * explored under one profile. Each cell gets a verdict, the shortest counterexample of each
 * failure kind, lockdep's predictions beside it, and what its search covered: every schedule
 * where that search finishes ({@link Explorer#proveOrBound}), else every schedule within the
 * preemption bound, else as many as the budget allowed.
 *
 * <p>Cells are explored in parallel, one worker per core; each cell's search is its own and
 * deterministic (but for the time budget), and results and progress come out in cell order.
 */
public final class Matrix {
    /** Executions a cell's search without a bound gets before the bounded search runs instead. */
    public static final long PROOF_EXECUTIONS = 150;
    /** Whether that search is reduced by DPOR ({@link Explorer#proveOrBound}): it is, a finished one is a proof. */
    public static final boolean PROOF_BY_DPOR = true;
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

    /** Explores the given cells only, one worker per core. */
    public static MatrixResult run(MatrixTarget target, List<List<Entry>> cells, ExploreOptions options,
                                   Consumer<String> progress) {
        return run(target, cells, options, PROOF_EXECUTIONS, Runtime.getRuntime().availableProcessors(), progress);
    }

    /**
     * Explores the given cells on {@code workers} threads, each cell with {@code options} (its
     * budgets are per cell) and at most {@code proofExecutions} for its search without a bound.
     */
    public static MatrixResult run(MatrixTarget target, List<List<Entry>> cells, ExploreOptions options,
                                   long proofExecutions, int workers, Consumer<String> progress) {
        return run(target, cells, options, proofExecutions, PROOF_BY_DPOR, workers, progress);
    }

    /** As above, with the search without a bound reduced by DPOR or not ({@code dporProof}). */
    public static MatrixResult run(MatrixTarget target, List<List<Entry>> cells, ExploreOptions options,
                                   long proofExecutions, boolean dporProof, int workers, Consumer<String> progress) {
        long start = System.nanoTime();
        List<Cell> out = new ArrayList<>(cells.size());
        int width = String.valueOf(cells.size()).length();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "matrix-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Cell>> futures = new ArrayList<>(cells.size());
            for (List<Entry> cell : cells) {
                futures.add(pool.submit(() -> runCell(target, cell, options, proofExecutions, dporProof)));
            }
            for (int i = 0; i < cells.size(); i++) {
                Cell c = await(futures.get(i));
                out.add(c);
                progress.accept(String.format(Locale.ROOT, "[%" + width + "d/%d] %-40s %-22s %7d executions %6.2f s  %s",
                        i + 1, cells.size(), c.key(), c.verdict(), c.executions(), c.millis() / 1000.0, c.claim()));
            }
        } finally {
            pool.shutdownNow();
        }
        return new MatrixResult(target.spec(), options.boundText(), target.entries(), out,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static Cell await(Future<Cell> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the matrix ran", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Explores one cell, without a bound where that search finishes within {@link #PROOF_EXECUTIONS}. */
    public static Cell runCell(MatrixTarget target, List<Entry> cell, ExploreOptions options) {
        return runCell(target, cell, options, PROOF_EXECUTIONS, PROOF_BY_DPOR);
    }

    /** Explores one cell: {@link Explorer#proveOrBound} with {@code proofExecutions}, as the matrix does. */
    public static Cell runCell(MatrixTarget target, List<Entry> cell, ExploreOptions options, long proofExecutions) {
        return runCell(target, cell, options, proofExecutions, PROOF_BY_DPOR);
    }

    /** Explores one cell: {@link Explorer#proveOrBound} with {@code proofExecutions}, reduced by DPOR or not. */
    public static Cell runCell(MatrixTarget target, List<Entry> cell, ExploreOptions options, long proofExecutions,
                               boolean dporProof) {
        CellPlan plan = target.plan(cell);
        ExploreResult r;
        try {
            r = Explorer.proveOrBound(plan.scenario(), options, proofExecutions, dporProof);
        } catch (SetupFailed e) {
            return setupFailed(cell, plan, e);
        }
        List<CellFailure> failures = new ArrayList<>();
        for (Counterexample c : r.counterexamples().values()) {
            failures.add(CellFailure.of(c));
        }
        List<String> entries = cell.stream().map(Entry::id).toList();
        return new Cell(key(cell), entries, plan.initialState(), r.verdict(), r.exhausted(), r.coverage(),
                r.executions(), r.elapsedNanos() / 1_000_000, failures, r.predictions(),
                note(r, target.kernelLockdepWatched()), r.claim());
    }

    /**
     * The cell whose scenario cannot even be set up under this profile (a lock change that deadlocks
     * the boot or the SR-IOV enable a scenario starts from): its verdict is that failure's kind, so
     * a diff against a profile where it was OK names it, with the report as its counterexample.
     */
    static Cell setupFailed(List<Entry> cell, CellPlan plan, SetupFailed e) {
        Finding f = e.finding();
        CellFailure failure = new CellFailure(f.kind(), SETUP_TITLE + f.title(), "", 0, 0, List.of(),
                "", e.getMessage() + "\n" + f.text());
        return new Cell(key(cell), cell.stream().map(Entry::id).toList(), plan.initialState(), f.kind(), true,
                "its setup failed on every schedule: no interleaving explored", 0, 0, List.of(failure), List.of(),
                "the failure is in the setup, before the raced entry points run", SETUP_FAILED + ": nothing explored");
    }

    /** How a cell whose setup failed begins its claim. */
    static final String SETUP_FAILED = "its setup failed";
    /** How the failure of a setup begins its title. */
    static final String SETUP_TITLE = "in the scenario's setup: ";

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
                    + (!r.exhausted() ? " (search not exhausted)" : r.boundReached() < 0 ? " (all schedules)"
                    : " (" + r.options().boundText() + ")");
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
