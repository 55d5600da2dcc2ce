package org.pcistress.tools.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.kernel.locking.LockdepFlavor;
import org.pcistress.model.entry.Trigger;
import org.pcistress.model.entry.Triggers;
import org.pcistress.tools.cli.BadInput;

/** Turns command-line values into the explorer's objects, or a one-line {@link BadInput}. */
final class Inputs {
    private Inputs() {
    }

    /**
     * Checks a {@code --replay} schedule's length before it is expanded: {@code 0x2147483647} asks
     * for two billion steps, which no execution has (it would exhaust the heap building them).
     */
    static void scheduleLength(String text, long maxSteps) {
        long total = 0;
        for (String tok : text.trim().split("[.,\\s]+")) {
            String[] parts = tok.split("[x*]", -1);
            if (parts.length == 2 && parts[1].matches("\\d+")) {
                total += parts[1].length() > 12 ? Long.MAX_VALUE / 4 : Long.parseLong(parts[1]);
            } else if (!tok.isEmpty()) {
                total++;
            }
            if (total > maxSteps) {
                throw new BadInput("--replay: the schedule is longer than " + maxSteps
                        + " steps, more than any execution runs (at '" + tok + "')");
            }
        }
    }

    static PciTarget target(String spec) {
        return target(spec, "pcistress");
    }

    /** {@code spec} watched by the {@code --lockdep} flavours: {@code pcistress}, {@code kernel} or {@code both}. */
    static PciTarget target(String spec, String lockdep) {
        try {
            return new PciTarget(spec, flavours(lockdep));
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /**
     * Why {@code dir} cannot be an output folder (it is a file, or lies under one), or {@code null}:
     * checked before the work, so a typo costs nothing.
     */
    static String unusableFolder(java.nio.file.Path dir) {
        for (java.nio.file.Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p)) {
                return java.nio.file.Files.isDirectory(p) ? null
                        : dir + (p.equals(dir.toAbsolutePath()) ? " is a file, not a folder" : ": " + p + " is a file");
            }
        }
        return null;
    }

    static List<LockdepFlavor> flavours(String lockdep) {
        switch (lockdep) {
            case "pcistress":
                return List.of(LockdepFlavor.PCISTRESS);
            case "kernel":
                return List.of(LockdepFlavor.KERNEL);
            case "both":
                return List.of(LockdepFlavor.PCISTRESS, LockdepFlavor.KERNEL);
            default:
                throw new BadInput("--lockdep takes pcistress, kernel or both; got '" + lockdep + "'");
        }
    }

    /**
     * {@code remove_pf}, {@code bind_pf+aer} or {@code reset_pf+numvfs_n+numvfs_read}: matrix entry ids
     * (built-in or installed through {@code EntryVariants}) joined by '+', as many as the explorer
     * takes tasks.
     */
    static List<Entry> cell(String scenario) {
        String[] ids = scenario.split("\\+", -1);
        List<Entry> out = new ArrayList<>();
        for (String id : ids) {
            Trigger e = Triggers.byId(id.trim());
            if (e == null || !e.inMatrix()) {
                throw new BadInput("unknown entry point '" + id + "' in scenario '" + scenario + "'; known: "
                        + String.join(", ", Triggers.matrix().stream().map(Trigger::id).toList()));
            }
            out.add(PciTarget.entry(e));
        }
        return out;
    }

    /** {@code --triples}: comma-separated cells of exactly three entry ids, e.g. {@code bind_pf+aer+numvfs_read}. */
    static List<List<Entry>> triples(String list) {
        List<List<Entry>> out = new ArrayList<>();
        for (String c : list.split(",")) {
            if (c.isBlank()) {
                continue;
            }
            List<Entry> cell = cell(c.trim());
            if (cell.size() != 3) {
                throw new BadInput("--triples takes cells of three entry points joined by '+', e.g. "
                        + "bind_pf+aer+numvfs_read; got '" + c.trim() + "'");
            }
            out.add(cell);
        }
        if (out.isEmpty()) {
            throw new BadInput("--triples names no cell");
        }
        return out;
    }

    /** {@code null} for every cell, else the comma-separated cells: {@code remove_pf,bind_pf+aer}. */
    static List<List<Entry>> cells(String list, List<Entry> entries) {
        if (list == null) {
            return org.pcistress.explore.matrix.Matrix.cells(entries);
        }
        List<List<Entry>> out = new ArrayList<>();
        for (String c : list.split(",")) {
            if (!c.isBlank()) {
                out.add(cell(c.trim()));
            }
        }
        if (out.isEmpty()) {
            throw new BadInput("--cells names no cell");
        }
        return out;
    }

    /** {@code --preemptions}: a number of preemptions, or {@code unbounded} (-1). */
    static int preemptions(String text) {
        if (text.equals("unbounded")) {
            return -1;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInput("--preemptions must be 0 or more, or 'unbounded', got '" + text + "'");
    }

    static ExploreOptions options(int preemptions, boolean first, Duration budget) {
        return ExploreOptions.defaults().withPreemptionBound(preemptions)
                .withStop(first ? ExploreOptions.Stop.FIRST : ExploreOptions.Stop.MINIMAL)
                .withTimeBudget(budget);
    }
}
