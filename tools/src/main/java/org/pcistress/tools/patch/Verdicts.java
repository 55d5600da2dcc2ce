package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Cell;
import org.pcistress.explore.matrix.CellFailure;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.Matrix;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.model.change.LockChange;
import org.pcistress.model.profile.Profile;

/**
 * A lock change checked on each base: skipped with the reasons when it is no change to that base,
 * else the matrix diff base → base+change and the counterexamples of what it introduces.
 */
record Verdicts(List<Base> bases) {

    /**
     * One base.
     *
     * @param spec      the base spec
     * @param conflicts why the change does not apply (then nothing ran)
     * @param diff      the matrix diff, or {@code null} when skipped
     * @param patched   the matrix with the change, or {@code null}
     * @param before    the matrix without it, or {@code null}
     * @param unset     cells left out because a side cannot boot into their state (the kernel's own
     *                  bug on the way there, e.g. a lockdep assert while disabling VFs): cell and why
     */
    record Base(String spec, List<String> conflicts, MatrixDiff diff, MatrixResult patched, MatrixResult before,
                List<String> unset) {
    }

    static Verdicts run(LockChange change, List<PciTarget> targets, List<Profile> profiles, String lockSpec,
                        List<List<Entry>> cells, ExploreOptions options, long proofExecutions,
                        Consumer<String> progress) {
        List<String> specs = targets.stream().map(PciTarget::spec).toList();
        List<Base> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Profile base = profiles.get(i);
            List<String> conflicts = change.conflicts(base);
            if (!conflicts.isEmpty()) {
                out.add(new Base(specs.get(i), conflicts, null, null, null, List.of()));
                continue;
            }
            PciTarget from = targets.get(i);
            PciTarget to = new PciTarget(specs.get(i) + "+" + lockSpec, base.with(change.toFix()), from.lockdep());
            List<Cell> a = new ArrayList<>();
            List<Cell> b = new ArrayList<>();
            List<String> unset = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < cells.size(); c++) {
                String at = "[" + (c + 1) + "/" + cells.size() + "] ";
                String side = "without the change";
                try {
                    Cell x = cell(from, cells.get(c), options, proofExecutions, at, progress);
                    side = "with the change";
                    Cell y = cell(to, cells.get(c), options, proofExecutions, at, progress);
                    a.add(x);
                    b.add(y);
                } catch (IllegalStateException e) {
                    if (e.getMessage() == null || !e.getMessage().contains("its setup failed")) {
                        throw e;
                    }
                    String why = e.getMessage().substring(e.getMessage().indexOf("its setup failed"));
                    unset.add(Matrix.key(cells.get(c)) + ": " + side + ", " + why);
                    progress.accept(at + Matrix.key(cells.get(c)) + ": left out, its setup fails " + side);
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            MatrixResult ma = new MatrixResult(from.spec(), options.boundText(), from.entries(), a, millis);
            MatrixResult mb = new MatrixResult(to.spec(), options.boundText(), to.entries(), b, millis);
            out.add(new Base(specs.get(i), List.of(), MatrixDiff.compare(ma, mb), mb, ma, unset));
        }
        return new Verdicts(List.copyOf(out));
    }

    private static Cell cell(PciTarget t, List<Entry> cell, ExploreOptions options, long proofExecutions, String at,
                             Consumer<String> progress) {
        Cell c = Matrix.runCell(t, cell, options, proofExecutions);
        progress.accept(String.format(java.util.Locale.ROOT, "%s %s%-40s %-22s %7d executions %6.2f s%s", t.spec(), at,
                c.key(), c.verdict(), c.executions(), c.millis() / 1000.0, c.exhausted() ? "" : "  (not exhausted)"));
        return c;
    }

    int applied() {
        return (int) bases.stream().filter(b -> b.diff() != null && !b.before().cells().isEmpty()).count();
    }

    boolean introduced() {
        return bases.stream().anyMatch(b -> b.diff() != null && !b.diff().introduced().isEmpty());
    }

    /** Per base: skipped and why, or the diff, then each introduced failure's counterexample. */
    String text() {
        StringBuilder s = new StringBuilder();
        for (Base b : bases) {
            s.append('\n').append("== base ").append(b.spec()).append('\n');
            if (b.diff() == null) {
                s.append("not checked: the change is no change to this base\n");
                b.conflicts().forEach(c -> s.append("  ").append(c).append('\n'));
                continue;
            }
            s.append(b.diff().text());
            if (!b.unset().isEmpty()) {
                s.append("\nleft out (").append(b.unset().size()).append("): a side cannot boot into the cell's state\n");
                b.unset().forEach(u -> s.append("  ").append(u).append('\n'));
            }
            for (MatrixDiff.Change c : b.diff().introduced()) {
                Cell cell = b.patched().cell(c.key());
                for (CellFailure f : cell.failures()) {
                    if (c.introduced().contains(f.kind())) {
                        s.append("\nintroduced in ").append(c.key()).append(": ").append(f.kind()).append('\n')
                                .append(f.text().strip()).append('\n');
                    }
                }
            }
            for (MatrixDiff.Change c : b.diff().madeReachable()) {
                for (CellFailure f : b.patched().cell(c.key()).failures()) {
                    if (c.introduced().contains(f.kind())) {
                        s.append("made reachable in ").append(c.key()).append(" (the base fails in its setup): ")
                                .append(f.title()).append('\n');
                    }
                }
            }
            for (MatrixDiff.Change c : b.diff().fixed()) {
                Cell cell = b.before().cell(c.key());
                for (CellFailure f : cell.failures()) {
                    if (c.fixed().contains(f.kind())) {
                        s.append("fixed in ").append(c.key()).append(": ").append(f.title()).append('\n');
                    }
                }
            }
        }
        return s.toString();
    }
}
