package org.pcistress.tools.matrix;

import java.util.List;
import java.util.Locale;
import org.pcistress.explore.matrix.Cell;
import org.pcistress.explore.matrix.CellFailure;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.MatrixResult;

/** matrix.md: the verdict grid, then every failure with its counterexample, then lockdep's notes. */
final class MatrixMarkdown {
    private MatrixMarkdown() {
    }

    static String render(MatrixResult m, String command) {
        StringBuilder b = new StringBuilder();
        b.append("# pcistress matrix: ").append(m.spec()).append("\n\n")
                .append("Command: `").append(command).append("`  \n")
                .append(String.format(Locale.ROOT, "%d cells (each entry point alone, then every pair), %s per cell"
                        + " where not every schedule can run; %d failing; %d proved for all schedules, %d of %d exhausted;"
                        + " %d executions in %.1f s.%n%n", m.cells().size(), m.bound(), m.failing(), m.proved(),
                        m.exhausted(), m.cells().size(), m.executions(), m.millis() / 1000.0));
        grid(b, m);
        threeWay(b, m);
        coverage(b, m);
        b.append("\n## Entry points\n\n");
        for (Entry e : m.entries()) {
            b.append("- `").append(e.id()).append("`: ").append(e.title()).append('\n');
        }
        b.append("\n## Failures\n");
        for (Cell c : m.cells()) {
            if (!c.failed()) {
                continue;
            }
            b.append("\n### ").append(c.key()).append(": ").append(c.verdict()).append("\n\n")
                    .append("Initial state: ").append(c.initialState()).append(".  \n")
                    .append(c.claim()).append(": ").append(c.coverage()).append(".\n");
            for (CellFailure f : c.failures()) {
                b.append("\n**").append(f.kind()).append("**, ").append(f.length()).append(" steps, ")
                        .append(f.preemptions()).append(" preemption(s); replay: `./pcistress explore --scenario ")
                        .append(c.key()).append(" --profile ").append(m.spec()).append(" --replay ")
                        .append(f.schedule()).append("`\n\n```\n").append(f.text()).append("```\n");
            }
            if (!c.note().isEmpty()) {
                b.append("\nLockdep: ").append(c.note()).append(".\n");
            }
        }
        b.append("\n## Lockdep beside the explorer\n\n");
        boolean any = false;
        for (Cell c : m.cells()) {
            if (!c.lockdep().isEmpty() || !c.note().isEmpty()) {
                any = true;
                b.append("- `").append(c.key()).append("` (").append(c.verdict()).append("): ")
                        .append(c.lockdep().isEmpty() ? "no prediction" : String.join("; ", c.lockdep()))
                        .append(c.note().isEmpty() ? "" : ". " + c.note()).append('\n');
            }
        }
        if (!any) {
            b.append("Lockdep predicted nothing in any cell.\n");
        }
        return b.toString();
    }

    /** Cells of three or more entry points, which the grid has no place for. */
    private static void threeWay(StringBuilder b, MatrixResult m) {
        List<Cell> wide = m.cells().stream().filter(c -> c.entries().size() > 2).toList();
        if (wide.isEmpty()) {
            return;
        }
        b.append("\n## Three-way cells\n\n| cell | verdict |\n|---|---|\n");
        for (Cell c : wide) {
            b.append("| ").append(c.key()).append(" | ").append(verdict(c)).append(" |\n");
        }
    }

    /** Which cells were proved for all schedules, which within the bound, which hit the budget. */
    private static void coverage(StringBuilder b, MatrixResult m) {
        java.util.Map<String, List<String>> byClaim = new java.util.LinkedHashMap<>();
        for (Cell c : m.cells()) {
            String claim = c.claim().startsWith("budget hit") ? "budget hit" : c.claim();
            byClaim.computeIfAbsent(claim, k -> new java.util.ArrayList<>()).add(c.key());
        }
        b.append("\n**What each cell covered.**\n\n");
        byClaim.forEach((claim, keys) -> b.append("- ").append(claim).append(" (").append(keys.size()).append("): ")
                .append(String.join(", ", keys)).append('\n'));
    }

    private static void grid(StringBuilder b, MatrixResult m) {
        List<Entry> es = m.entries();
        b.append("| |");
        for (Entry e : es) {
            b.append(' ').append(e.id()).append(" |");
        }
        b.append("\n|---|");
        b.append("---|".repeat(es.size())).append('\n');
        b.append("| **alone** |");
        for (Entry e : es) {
            b.append(' ').append(verdict(m.cell(e.id()))).append(" |");
        }
        b.append('\n');
        for (int i = 0; i < es.size(); i++) {
            b.append("| **").append(es.get(i).id()).append("** |");
            for (int j = 0; j < es.size(); j++) {
                b.append(' ').append(j < i ? "" : verdict(m.cell(es.get(i).id(), es.get(j).id()))).append(" |");
            }
            b.append('\n');
        }
    }

    private static String verdict(Cell c) {
        if (c == null) {
            return "";
        }
        String v = c.failed() ? "**" + c.verdict() + "**" : c.verdict();
        return c.exhausted() ? v : v + "?";
    }
}
