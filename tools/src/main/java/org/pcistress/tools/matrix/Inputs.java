package org.pcistress.tools.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.PciTarget;
import org.pcistress.kernel.locking.LockdepFlavor;
import org.pcistress.model.entry.EntryPoint;
import org.pcistress.tools.cli.BadInput;

/** Turns command-line values into the explorer's objects, or a one-line {@link BadInput}. */
final class Inputs {
    private Inputs() {
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

    /** {@code bind_pf+aer} or {@code remove_pf}: one or two entry ids. */
    static List<Entry> cell(String scenario) {
        String[] ids = scenario.split("\\+");
        if (ids.length < 1 || ids.length > 2) {
            throw new BadInput("a scenario is one entry point or two joined by '+', e.g. bind_pf+aer; got '"
                    + scenario + "'");
        }
        List<Entry> out = new ArrayList<>();
        for (String id : ids) {
            EntryPoint e = EntryPoint.byId(id.trim());
            if (e == null) {
                List<String> known = new ArrayList<>();
                for (EntryPoint k : EntryPoint.matrix()) {
                    known.add(k.id());
                }
                throw new BadInput("unknown entry point '" + id + "' in scenario '" + scenario + "'; known: "
                        + String.join(", ", known));
            }
            out.add(PciTarget.entry(e));
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
