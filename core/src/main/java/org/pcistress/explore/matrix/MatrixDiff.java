package org.pcistress.explore.matrix;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changed between two matrices (e.g. v5.10 → v6.18): per cell, the failure kinds a change
 * introduced and those it fixed. Non-zero {@link #exitCode()} when anything was introduced.
 *
 * <p>A cell the old side could not even set up (its verdict is the setup's failure, nothing was
 * explored) that the new side boots into and finds failing is <em>made reachable</em>, not
 * introduced, when each new failure is one the old matrix shows in some cell: the same kind with
 * the same locks (a title's last parenthesised part, e.g. {@code (pci_bus_sem, &dev->mutex/PF)};
 * the whole title when it has none). Such a bug was there before the change, behind the setup
 * failure. A new failure the old matrix shows nowhere is introduced, set up or not.
 *
 * @param from    the old profile spec
 * @param to      the new profile spec
 * @param changes the cells whose verdict differs, and those only one side has
 * @param same    cells failing the same way on both sides
 */
public record MatrixDiff(String from, String to, List<Change> changes, List<Change> same) {

    /** How one cell changed. */
    public enum Status {
        /** The new side fails in a way the old did not. */
        INTRODUCED,
        /**
         * The old side failed in its setup; the new side boots into the cell and fails only in ways
         * the old matrix shows elsewhere: old bugs the change made reachable.
         */
        MADE_REACHABLE,
        /** The old side failed in a way the new does not, and nothing new fails. */
        FIXED,
        /** Failing the same way on both sides. */
        UNCHANGED,
        /** The cell exists on one side only (the entry points differ). */
        ONLY_ONE_SIDE
    }

    /**
     * @param key        the cell
     * @param status     how it changed
     * @param fromVerdict the old verdict ("—" when absent)
     * @param toVerdict   the new verdict
     * @param introduced failure kinds only the new side has
     * @param fixed      failure kinds only the old side has
     */
    public record Change(String key, Status status, String fromVerdict, String toVerdict, List<String> introduced,
                         List<String> fixed) {
        public Change {
            introduced = List.copyOf(introduced);
            fixed = List.copyOf(fixed);
        }
    }

    public MatrixDiff {
        changes = List.copyOf(changes);
        same = List.copyOf(same);
    }

    public static MatrixDiff compare(MatrixResult a, MatrixResult b) {
        List<Change> changes = new ArrayList<>();
        List<Change> same = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        a.cells().forEach(c -> c.failures().forEach(f -> seen.add(signature(f))));
        Set<String> keys = new LinkedHashSet<>();
        a.cells().forEach(c -> keys.add(c.key()));
        b.cells().forEach(c -> keys.add(c.key()));
        for (String k : keys) {
            Cell x = a.cell(k);
            Cell y = b.cell(k);
            if (x == null || y == null) {
                changes.add(new Change(k, Status.ONLY_ONE_SIDE, x == null ? "\u2014" : x.verdict(),
                        y == null ? "\u2014" : y.verdict(), List.of(), List.of()));
                continue;
            }
            List<String> introduced = new ArrayList<>(y.kinds());
            introduced.removeAll(x.kinds());
            List<String> fixed = new ArrayList<>(x.kinds());
            fixed.removeAll(y.kinds());
            boolean reachable = !introduced.isEmpty() && setupFailed(x) && !setupFailed(y) && y.failures().stream()
                    .filter(f -> introduced.contains(f.kind())).allMatch(f -> seen.contains(signature(f)));
            Change c = new Change(k, reachable ? Status.MADE_REACHABLE : !introduced.isEmpty() ? Status.INTRODUCED
                    : !fixed.isEmpty() ? Status.FIXED : Status.UNCHANGED, x.verdict(), y.verdict(), introduced, fixed);
            if (c.status() == Status.UNCHANGED) {
                if (y.failed()) {
                    same.add(c);
                }
            } else {
                changes.add(c);
            }
        }
        return new MatrixDiff(a.spec(), b.spec(), changes, same);
    }

    public List<Change> introduced() {
        return changes.stream().filter(c -> c.status() == Status.INTRODUCED).toList();
    }

    /** Cells the old side could not set up, now failing with bugs the old matrix shows elsewhere. */
    public List<Change> madeReachable() {
        return changes.stream().filter(c -> c.status() == Status.MADE_REACHABLE).toList();
    }

    /** Whether {@code c}'s verdict is the failure of its setup: nothing of it was explored. */
    public static boolean setupFailed(Cell c) {
        return c.claim().startsWith(Matrix.SETUP_FAILED);
    }

    /**
     * A failure as the same bug in any cell: a cycle's kind and the waits its title ends with, in
     * parentheses after the tasks ({@code DEADLOCK: a ⇄ b (lock(x), lock(y))}), in any rotation;
     * any other failure (a recursive lock, a use-after-free) by its whole title.
     */
    static String signature(CellFailure f) {
        String t = f.title().startsWith(Matrix.SETUP_TITLE) ? f.title().substring(Matrix.SETUP_TITLE.length()) : f.title();
        int depth = 0;
        List<String> waits = new ArrayList<>();
        int end = t.length() - 1;
        for (int i = t.length() - 1; i >= 0 && t.endsWith(")"); i--) {
            char ch = t.charAt(i);
            depth += ch == ')' ? 1 : ch == '(' ? -1 : 0;
            if (depth == 1 && ch == ',' || depth == 0) {
                waits.add(t.substring(i + 1, end).strip());
                end = i;
            }
            if (depth == 0) {
                return i > 0 && t.charAt(i - 1) == ' ' ? f.kind() + " " + waits.stream().sorted().toList() : t;
            }
        }
        return t;
    }

    public List<Change> fixed() {
        return changes.stream().filter(c -> c.status() == Status.FIXED).toList();
    }

    /** 0 when nothing was introduced (made reachable is not), 1 when a change introduced a failure. */
    public int exitCode() {
        return introduced().isEmpty() ? 0 : 1;
    }

    /** A plain-text report. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append("matrix diff ").append(from).append(" \u2192 ").append(to).append('\n');
        section(b, "introduced", introduced());
        section(b, "made reachable (already failing behind a setup failure in the base)", madeReachable());
        section(b, "fixed", fixed());
        section(b, "on one side only", changes.stream().filter(c -> c.status() == Status.ONLY_ONE_SIDE).toList());
        section(b, "failing on both sides", same);
        if (changes.isEmpty()) {
            b.append("no cell changed its verdict\n");
        }
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<Change> cs) {
        if (cs.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append(" (").append(cs.size()).append("):\n");
        for (Change c : cs) {
            b.append(String.format(java.util.Locale.ROOT, "  %-40s %s \u2192 %s%s%n", c.key(), c.fromVerdict(),
                    c.toVerdict(), c.introduced().isEmpty() && c.fixed().isEmpty() ? ""
                            : "   (" + (c.introduced().isEmpty() ? "" : "+" + String.join(" +", c.introduced()))
                            + (c.introduced().isEmpty() || c.fixed().isEmpty() ? "" : ", ")
                            + (c.fixed().isEmpty() ? "" : "-" + String.join(" -", c.fixed())) + ")"));
        }
    }
}
