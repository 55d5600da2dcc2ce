package org.pcistress.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.locking.Frame;

/**
 * Renders an execution the way a deadlock is drawn on linux-pci: one column per task (CPU0 | CPU1
 * | …, headed by the task names), one row per step in execution order. A cell lists the kernel
 * functions the task entered since its last step, then the call it makes ({@code down_read(
 * pci_bus_sem)}); {@code <-- sleeps} marks a call that blocked, {@code <-- DEADLOCK} the step whose
 * report ended the run, {@code *} a preemption.
 */
final class TraceTable {
    private static final String SEP = " | ";

    private TraceTable() {
    }

    static String render(List<Step> steps, List<TaskSlot> tasks, int upTo) {
        int n = tasks.size();
        List<List<String>> chains = new ArrayList<>(Collections.nCopies(n, List.<String>of()));
        List<String[]> rows = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        int[] width = new int[n];
        List<String[]> head = List.of(new String[n], new String[n]);
        for (int c = 0; c < n; c++) {
            head.get(0)[c] = "CPU" + c;
            head.get(1)[c] = tasks.get(c).task.name();
            width[c] = Math.max(head.get(0)[c].length(), head.get(1)[c].length());
        }
        int last = Math.min(upTo, steps.size() - 1);
        for (int i = 0; i <= last; i++) {
            Step s = steps.get(i);
            List<String> lines = cell(s, chains);
            for (int k = 0; k < lines.size(); k++) {
                String[] row = new String[n];
                row[s.task] = lines.get(k);
                rows.add(row);
                numbers.add(k == 0 ? (i + 1) + (s.preemption ? "*" : "") : "");
                width[s.task] = Math.max(width[s.task], lines.get(k).length());
            }
        }
        int numWidth = Math.max(4, String.valueOf(last + 1).length() + 1);
        StringBuilder b = new StringBuilder();
        line(b, pad("step", numWidth), head.get(0), width);
        line(b, pad("", numWidth), head.get(1), width);
        String[] rule = new String[n];
        for (int c = 0; c < n; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(b, "-".repeat(numWidth), rule, width);
        for (int r = 0; r < rows.size(); r++) {
            line(b, padLeft(numbers.get(r), numWidth), rows.get(r), width);
        }
        if (last < steps.size() - 1) {
            b.append("(").append(steps.size() - 1 - last).append(" more step(s) as the tasks unwind and finish)\n");
        }
        return b.toString();
    }

    private static List<String> cell(Step s, List<List<String>> chains) {
        List<String> lines = new ArrayList<>(3);
        frames(s, chains, lines);
        String op;
        switch (s.kind) {
            case START:
                op = "(starts)";
                break;
            case RESUME:
                op = "  " + Labels.resume(s.op, s.target);
                break;
            default:
                op = "  " + Labels.op(s.op, s.target);
                break;
        }
        if (s.blocks && s.inline.isEmpty()) {
            op += "  <-- sleeps";
        }
        lines.add(op);
        for (Report r : s.reports) {
            if (r.kind().isFailure()) {
                lines.add("  <-- " + r.kind().name());
            }
        }
        for (Step i : s.inline) {
            frames(i, chains, lines);
            lines.add("  " + Labels.op(i.op, i.target));
        }
        if (s.blocks && !s.inline.isEmpty()) {
            lines.add("  <-- sleeps");
        }
        if (s.exits) {
            lines.add("(exits)");
        }
        return lines;
    }

    /** The functions the task entered since its last printed line. */
    private static void frames(Step s, List<List<String>> chains, List<String> lines) {
        List<String> chain = s.frame == null ? List.of() : outermostFirst(s.frame);
        List<String> before = chains.get(s.task);
        int common = 0;
        while (common < chain.size() && common < before.size() && chain.get(common).equals(before.get(common))) {
            common++;
        }
        for (int k = common; k < chain.size(); k++) {
            lines.add(chain.get(k) + "()");
        }
        chains.set(s.task, chain);
    }

    private static List<String> outermostFirst(Frame f) {
        List<String> out = f.innermostFirst();
        Collections.reverse(out);
        return out;
    }

    private static void line(StringBuilder b, String number, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder(number);
        for (int c = 0; c < cells.length; c++) {
            l.append(SEP).append(pad(cells[c] == null ? "" : cells[c], width[c]));
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static String padLeft(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
