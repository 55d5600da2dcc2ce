package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;

/** The texts of the locking layer's reports, laid out the way the kernel prints its own. */
final class Reports {
    private static final String RULE = "======================================================";
    private static final String DASH = "------------------------------------------------------";
    private static final int COLUMN = 31;

    private Reports() {
    }

    /** A wait-for cycle: who holds what, who waits for what, and the unsafe scenario table. */
    static Report deadlock(List<WaitForGraph.Step> cycle) {
        StringBuilder b = new StringBuilder();
        WaitForGraph.Step first = cycle.get(0);
        b.append(RULE).append('\n')
                .append("BUG: DEADLOCK: ").append(cycle.size()).append(cycle.size() == 1 ? " task waits" : " tasks wait")
                .append(" for each other (wait-for cycle)\n")
                .append(DASH).append('\n')
                .append(first.task()).append(" is trying to ").append(first.on().describeWait(first.read()))
                .append(", at: ").append(chain(first.waitAt())).append('\n')
                .append("which closes this cycle:\n\n");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            WaitForGraph.Step s = cycle.get(i);
            WaitForGraph.Step next = cycle.get((i + 1) % cycle.size());
            names.add(s.task().name());
            b.append("-> #").append(i).append(' ').append(s.task()).append('\n')
                    .append("       waits: ").append(s.on().describeWait(s.read())).append(", at: ")
                    .append(chain(s.waitAt())).append('\n')
                    .append("       for:   ").append(next.task()).append(" (").append(s.blockedBy()).append(")\n");
            heldLines(b, "       holds: ", s.task(), s.holds());
        }
        b.append('\n');
        scenario(b, cycle);
        b.append("\n *** DEADLOCK ***\n");
        String title = "DEADLOCK: " + String.join(" \u21c4 ", names) + " (" + waits(cycle) + ")";
        return new Report(ReportKind.DEADLOCK, title, b.toString(), names);
    }

    /** AA: a task locks, non-recursively, what it already holds. */
    static Report selfDeadlock(Task self, KernelLock lock, boolean read, List<HeldLock> held) {
        StringBuilder b = new StringBuilder();
        b.append(RULE).append('\n')
                .append("BUG: DEADLOCK: ").append(self).append(" acquires a lock it already holds\n")
                .append(DASH).append('\n')
                .append(self).append(" is trying to acquire lock:\n ")
                .append(read ? "rlock(" : "lock(").append(lock.name()).append("), at: ")
                .append(chain(self.frame())).append("\n\nbut task is already holding lock:\n");
        for (HeldLock h : held) {
            if (h.lock() == lock) {
                b.append(' ').append(h).append('\n');
            }
        }
        b.append("\n Possible unsafe locking scenario:\n\n")
                .append(pad("       CPU0")).append('\n')
                .append(pad("       ----")).append('\n');
        for (HeldLock h : held) {
            if (h.lock() == lock) {
                b.append("  ").append(h.describe()).append(";\n");
            }
        }
        b.append("  ").append(read ? "rlock(" : "lock(").append(lock.name()).append(");\n")
                .append("\n *** DEADLOCK ***\n\n May be due to missing lock nesting notation\n");
        heldLines(b.append('\n'), "", self, held);
        String title = "DEADLOCK: " + self.name() + " recursive " + (read ? "rlock(" : "lock(") + lock.name() + ")";
        return new Report(ReportKind.DEADLOCK, title, b.toString(), List.of(self.name()));
    }

    /** The hung-task detector's message and a dump of every task's held locks. */
    static Report hungTask(Kernel kernel, Task t, String why, long boundNanos) {
        StringBuilder b = new StringBuilder();
        b.append("INFO: task ").append(t).append(" blocked for more than ")
                .append(TimeUnit.NANOSECONDS.toMillis(boundNanos)).append(" ms (").append(why).append(").\n")
                .append("      at: ").append(chain(t.frame())).append("\n\n")
                .append("Showing all locks held in the system:\n");
        List<String> names = new ArrayList<>();
        for (Task each : kernel.tasks()) {
            if (each.hasExited()) {
                continue;
            }
            names.add(each.name());
            List<HeldLock> held;
            try {
                held = each.heldLocks(); // racy for running tasks, as debug_show_all_locks() is
            } catch (RuntimeException e) {
                held = List.of();
            }
            b.append(held.size()).append(held.size() == 1 ? " lock held by " : " locks held by ")
                    .append(each).append(":\n");
            heldLines(b, "", each, held);
        }
        if (!kernel.tracking()) {
            b.append("(lock tracking is off: the detector and the validator are both disabled)\n");
        }
        return new Report(ReportKind.HUNG_TASK, "HUNG_TASK: " + t.name() + " " + why, b.toString(), names);
    }

    static Report lockingBug(Task t, String what) {
        String text = RULE + "\n" + what + "\n" + DASH + "\n" + t + " at: " + chain(t.frame()) + "\n";
        return new Report(ReportKind.LOCKING_BUG, "LOCKING_BUG: " + what, text, List.of(t.name()));
    }

    static Report lockHeldAtExit(Task t, List<HeldLock> held) {
        StringBuilder b = new StringBuilder();
        b.append(RULE).append("\nWARNING: lock held when returning to user space!\n").append(DASH).append('\n')
                .append(t).append(" is leaving the kernel with locks still held!\n");
        heldLines(b, "", t, held);
        return new Report(ReportKind.LOCKING_BUG, "LOCKING_BUG: " + t.name() + " exited holding "
                + held.size() + " lock(s)", b.toString(), List.of(t.name()));
    }

    static String chain(Frame f) {
        return f == null ? "(top level)" : f.chain();
    }

    private static void heldLines(StringBuilder b, String prefix, Task t, List<HeldLock> held) {
        if (held.isEmpty()) {
            b.append(prefix).append("(no locks held)\n");
        }
        for (int i = 0; i < held.size(); i++) {
            b.append(prefix).append(" #").append(i).append(": ").append(held.get(i)).append('\n');
        }
    }

    private static String waits(List<WaitForGraph.Step> cycle) {
        List<String> w = new ArrayList<>();
        for (WaitForGraph.Step s : cycle) {
            w.add(s.on().describeWait(s.read()));
        }
        return String.join(", ", w);
    }

    /**
     * The CPU0/CPU1 table: first each task takes what the task before it in the cycle waits for,
     * then each attempts its own wait. Task {@code i} sits in column {@code i}.
     */
    private static void scenario(StringBuilder b, List<WaitForGraph.Step> cycle) {
        int n = cycle.size();
        List<String> taken = new ArrayList<>(n);
        List<String> tried = new ArrayList<>(n);
        List<String> heads = new ArrayList<>(n);
        int width = COLUMN;
        for (int i = 0; i < n; i++) {
            WaitForGraph.Step s = cycle.get(i);
            taken.add("  " + cycle.get((i + n - 1) % n).blockedBy() + ";");
            tried.add("  " + s.on().describeWait(s.read()) + ";");
            heads.add("       CPU" + i + " (" + s.task().name() + ")");
            width = Math.max(width, Math.max(heads.get(i).length(), Math.max(taken.get(i).length(), tried.get(i).length())) + 2);
        }
        b.append(" Possible unsafe locking scenario:\n\n");
        StringBuilder head = new StringBuilder();
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            head.append(pad(heads.get(i), width));
            rule.append(pad("       ----", width));
        }
        b.append(head.toString().stripTrailing()).append('\n').append(rule.toString().stripTrailing()).append('\n');
        for (int i = 0; i < n; i++) {
            b.append(" ".repeat(i * width)).append(taken.get(i)).append('\n');
        }
        for (int k = 1; k <= n; k++) {
            int i = k % n;
            b.append(" ".repeat(i * width)).append(tried.get(i)).append('\n');
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    private static String pad(String s) {
        return pad(s, COLUMN);
    }
}
