package org.pcistress.kernel.locking;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.LockdepGraph.Edge;
import org.pcistress.kernel.locking.LockdepGraph.Node;

/**
 * The validator's two splats, laid out as lockdep prints them: "possible circular locking
 * dependency detected" and "possible recursive locking detected". Built under the graph lock (they
 * read class usage and recorded edges), from the acquiring task's own held stack.
 */
final class LockdepReports {
    private static final String COLUMN = " ".repeat(31);
    private static final String TRACE = "       ";

    private LockdepReports() {
    }

    /**
     * @param prev the held entry the new dependency starts from
     * @param path the existing strong path {@code next -> … -> prev}, as {@link LockdepGraph#strongPath} found it
     */
    static Report circular(LockdepFlavor flavour, LockdepGraph g, Task t, HeldLock prev, KernelLock next, int mode, List<Edge> path) {
        Node nextNode = g.node(next.lockClass().name());
        Node prevNode = g.node(prev.lock().lockClass().name());
        String rule = "=".repeat(54);
        StringBuilder b = new StringBuilder();
        b.append(rule).append("\nWARNING: possible circular locking dependency detected\n")
                .append("-".repeat(54)).append('\n')
                .append(t).append(" is trying to acquire lock:\n")
                .append(' ').append(lockName(next, nextNode)).append(", at: ").append(Reports.chain(t.frame()))
                .append("\n\nbut task is already holding lock:\n")
                .append(' ').append(lockName(prev.lock(), prevNode)).append(", at: ").append(Reports.chain(prev.at()))
                .append("\n\nwhich lock already depends on the new lock.\n\n")
                .append("\nthe existing dependency chain (in reverse order) is:\n");
        for (int i = path.size() - 1; i >= 0; i--) {
            Edge e = path.get(i);
            entry(b, i + 1, e.to, e.at);
        }
        entry(b, 0, nextNode, t.frame());
        b.append("\nother info that might help us debug this:\n\n");
        handOffs(b, t, nextNode, path);
        Edge last = path.get(path.size() - 1);
        if (last.from != nextNode) {
            b.append("Chain exists of:\n  ").append(nextNode.name).append(" --> ").append(last.from.name)
                    .append(" --> ").append(prevNode.name).append("\n\n");
        }
        b.append(" Possible unsafe locking scenario:\n\n")
                .append("       CPU0                    CPU1\n")
                .append("       ----                    ----\n")
                .append("  ").append(acquire(prev.read() ? LockdepGraph.READ : LockdepGraph.WRITE, prevNode)).append('\n')
                .append(COLUMN).append(acquire(last.fromMode, last.from)).append('\n')
                .append(COLUMN).append(acquire(last.toMode, prevNode)).append('\n')
                .append("  ").append(acquire(mode, nextNode)).append('\n')
                .append("\n *** DEADLOCK ***\n\n");
        held(b, g, t);
        backtrace(b, t);

        StringBuilder title = new StringBuilder("LOCKDEP_CIRCULAR").append(tag(flavour)).append(": ").append(prevNode.name).append(" -> ")
                .append(nextNode.name);
        Set<String> tasks = new LinkedHashSet<>();
        tasks.add(t.name());
        for (Edge e : path) {
            title.append(" -> ").append(e.to.name);
            tasks.add(taskName(e.task));
        }
        return new Report(ReportKind.LOCKDEP_CIRCULAR, title.toString(), b.toString(), new ArrayList<>(tasks));
    }

    /** {@code next} is of the class of {@code held}, which the task already holds. */
    static Report recursive(LockdepFlavor flavour, LockdepGraph g, Task t, HeldLock held, KernelLock next, int mode) {
        Node nextNode = g.node(next.lockClass().name());
        Node heldNode = g.node(held.lock().lockClass().name());
        String rule = "=".repeat(44);
        StringBuilder b = new StringBuilder();
        b.append(rule).append("\nWARNING: possible recursive locking detected\n")
                .append("-".repeat(44)).append('\n')
                .append(t).append(" is trying to acquire lock:\n")
                .append(' ').append(lockName(next, nextNode)).append(", at: ").append(Reports.chain(t.frame()))
                .append("\n\nbut task is already holding lock:\n")
                .append(' ').append(lockName(held.lock(), heldNode)).append(", at: ").append(Reports.chain(held.at()))
                .append("\n\nother info that might help us debug this:\n")
                .append(" Possible unsafe locking scenario:\n\n")
                .append("       CPU0\n")
                .append("       ----\n")
                .append("  ").append(acquire(held.read() ? LockdepGraph.READ : LockdepGraph.WRITE, heldNode)).append('\n')
                .append("  ").append(acquire(mode, nextNode)).append('\n')
                .append("\n *** DEADLOCK ***\n\n")
                .append(" May be due to missing lock nesting notation\n\n");
        held(b, g, t);
        backtrace(b, t);
        String title = "LOCKDEP_RECURSIVE" + tag(flavour) + ": " + heldNode.name + " -> " + nextNode.name;
        return new Report(ReportKind.LOCKDEP_RECURSIVE, title, b.toString(), List.of(t.name()));
    }

    /** Titles of the kernel flavour say so; the pcistress flavour's keep the plain form. */
    private static String tag(LockdepFlavor flavour) {
        return flavour == LockdepFlavor.KERNEL ? " (kernel lockdep)" : "";
    }

    /**
     * Names each task hand-off on the cycle: a work item or completion ({@link LockdepMap}) that
     * one task waits for and another holds, so the reader sees which two chains the cycle joins.
     */
    private static void handOffs(StringBuilder b, Task t, Node next, List<Edge> path) {
        int before = b.length();
        List<Edge> cycle = new ArrayList<>(path);
        for (int i = 0; i < cycle.size(); i++) {
            Edge in = cycle.get(i);
            if (!LockdepMap.isMapClass(in.to.name)) {
                continue;
            }
            String holder = i + 1 < cycle.size() ? taskName(cycle.get(i + 1).task) : taskName(t.toString());
            b.append("the chain is handed off through ").append(in.to.name).append(": waited for by ")
                    .append(taskName(in.task)).append(", held by ").append(holder).append(" while it runs\n");
        }
        if (LockdepMap.isMapClass(next.name) && !path.isEmpty()) {
            b.append("the chain is handed off through ").append(next.name).append(": waited for by ")
                    .append(taskName(t.toString())).append(", held by ").append(taskName(path.get(0).task))
                    .append(" while it runs\n");
        }
        if (b.length() > before) {
            b.append('\n');
        }
    }

    /** {@code -> #1 (pci_bus_sem){++++}:} and the call chain, innermost first, as a stack trace. */
    private static void entry(StringBuilder b, int n, Node cls, Frame at) {
        b.append("\n-> #").append(n).append(" (").append(cls.name).append(')').append(cls.usage()).append(":\n");
        stack(b, at);
    }

    private static void stack(StringBuilder b, Frame at) {
        if (at == null) {
            b.append(TRACE).append("(top level)\n");
            return;
        }
        for (String fn : at.innermostFirst()) {
            b.append(TRACE).append(fn).append('\n');
        }
    }

    private static void held(StringBuilder b, LockdepGraph g, Task t) {
        int depth = t.heldDepth();
        b.append(depth).append(depth == 1 ? " lock held by " : " locks held by ").append(t).append(":\n");
        for (int i = 0; i < depth; i++) {
            HeldLock h = t.heldAt(i);
            b.append(" #").append(i).append(": ").append(lockName(h.lock(), g.node(h.lock().lockClass().name())))
                    .append(", at: ").append(Reports.chain(h.at())).append('\n');
        }
    }

    private static void backtrace(StringBuilder b, Task t) {
        b.append("\nstack backtrace:\n");
        stack(b, t.frame());
    }

    /** {@code (pci_bus_sem){++++}}, led by the lock's own name where it differs from its class's. */
    private static String lockName(KernelLock lock, Node cls) {
        String prefix = lock.name().equals(cls.name) ? "" : lock.name() + " ";
        return prefix + "(" + cls.name + ")" + cls.usage();
    }

    private static String acquire(int mode, Node cls) {
        return (mode == LockdepGraph.WRITE ? "lock(" : "rlock(") + cls.name + ");";
    }

    /** Edges keep {@code name/id}; reports list task names. */
    private static String taskName(String task) {
        int slash = task.lastIndexOf('/');
        return slash < 0 ? task : task.substring(0, slash);
    }
}
