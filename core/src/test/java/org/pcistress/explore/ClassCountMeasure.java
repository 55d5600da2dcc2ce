package org.pcistress.explore;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.pcistress.explore.matrix.Matrix;
import org.pcistress.explore.matrix.PciTarget;

/**
 * How many classes of equivalent schedules the plain bounded search runs: off unless
 * {@code -Dmeasure.classes=FILE}. For every cell of {@code measure.specs}, the plain search within
 * {@code measure.bound} preemptions runs every schedule; each execution is named by its class (the
 * lexicographically least schedule among those that keep its happens-before order), and the
 * distinct names are counted: what any reduction that runs one schedule per class must run at
 * least, to cover what the plain search covers. Also counted: the names with every wait that slept
 * and was granted left out, an approximation of the classes when granted waits are merged.
 */
@EnabledIfSystemProperty(named = "measure.classes", matches = ".+")
class ClassCountMeasure {
    private static void out(String line) {
        MeasureLog.append("measure.classes", line);
    }

    /** The least schedule (by task number) that keeps {@code steps}' happens-before order, without the steps {@code drop}. */
    static String name(List<Step> steps, boolean[] drop) {
        HappensBefore hb = new HappensBefore(steps, null);
        int tasks = 0;
        for (Step s : steps) {
            tasks = Math.max(tasks, s.task + 1);
        }
        int n = steps.size();
        int[][] ofTask = new int[tasks][];
        int[] count = new int[tasks];
        for (Step s : steps) {
            count[s.task]++;
        }
        for (int t = 0; t < tasks; t++) {
            ofTask[t] = new int[count[t]];
            count[t] = 0;
        }
        for (int i = 0; i < n; i++) {
            ofTask[steps.get(i).task][count[steps.get(i).task]++] = i;
        }
        int[] next = new int[tasks];
        int[] last = new int[tasks];
        java.util.Arrays.fill(last, -1);
        StringBuilder b = new StringBuilder(n * 2);
        for (int emitted = 0; emitted < n; emitted++) {
            int pick = -1;
            for (int t = 0; t < tasks && pick < 0; t++) {
                if (next[t] >= ofTask[t].length) {
                    continue;
                }
                int j = ofTask[t][next[t]];
                boolean ready = true;
                for (int u = 0; u < tasks && ready; u++) {
                    ready = u == t || hb.latest(j, u) <= last[u];
                }
                if (ready) {
                    pick = t;
                }
            }
            int j = ofTask[pick][next[pick]++];
            last[pick] = j;
            if (drop == null || !drop[j]) {
                b.append((char) ('a' + pick));
            }
        }
        return b.toString();
    }

    @Test
    void measure() throws Exception {
        int bound = Integer.getInteger("measure.bound", 3);
        ExploreOptions o = ExploreOptions.defaults().withStop(ExploreOptions.Stop.MINIMAL).withPreemptionBound(bound)
                .withTimeBudget(Duration.ofSeconds(120));
        long allEx = 0;
        long allClasses = 0;
        long allMerged = 0;
        for (String spec : System.getProperty("measure.specs", "v4.14,v5.10,v6.18,v6.19,v7.0").split(",")) {
            PciTarget t = new PciTarget(spec);
            long ex = 0;
            long classes = 0;
            long merged = 0;
            for (var cell : Matrix.cells(t.entries())) {
                Scenario s = t.plan(cell).scenario();
                Set<String> names = new HashSet<>();
                Set<String> mergedNames = new HashSet<>();
                SearchTree tree = new SearchTree(bound);
                long n = 0;
                boolean more = true;
                while (more) {
                    tree.begin();
                    Execution e = Execution.runReplaying(s, tree, o);
                    n++;
                    List<Step> steps = e.steps();
                    names.add(name(steps, null));
                    boolean[] drop = new boolean[steps.size()];
                    for (int i = 0; i < steps.size(); i++) {
                        drop[i] = GrantedWait.grantOf(steps, i) >= 0;
                    }
                    mergedNames.add(name(steps, drop));
                    more = tree.backtrack();
                }
                out(String.format(Locale.ROOT, "%s %-28s plain %6d classes %6d merged~ %6d", spec, Matrix.key(cell), n,
                        names.size(), mergedNames.size()));
                ex += n;
                classes += names.size();
                merged += mergedNames.size();
            }
            out(String.format(Locale.ROOT, "SUM %s <=%d: plain %d executions, %d classes, ~%d with granted waits merged",
                    spec, bound, ex, classes, merged));
            allEx += ex;
            allClasses += classes;
            allMerged += merged;
        }
        out(String.format(Locale.ROOT, "ALL <=%d: plain %d executions, %d classes, ~%d merged", bound, allEx, allClasses, allMerged));
    }
}
