package org.pcistress.explore;

import java.util.List;

/**
 * One choice point of an explored execution, as a {@link Chooser} sees it: the tasks that can run
 * (explored-task indices, ascending), the task that was running if it could go on (else -1), and
 * the steps so far.
 */
final class Decision {
    /** The most tasks one execution may have: search trees index them in a {@code long} bit set. */
    static final int MAX_TASKS = 64;

    final int step;
    final int[] enabled;
    final int current;
    /** The steps so far: the last one has just finished. */
    final List<Step> trace;

    Decision(int step, int[] enabled, int current, List<Step> trace) {
        this.step = step;
        this.enabled = enabled;
        this.current = current;
        this.trace = trace;
    }

    boolean isEnabled(int task) {
        for (int e : enabled) {
            if (e == task) {
                return true;
            }
        }
        return false;
    }

    /** Refuses an execution with more tasks than a search tree can index. */
    void checkTaskCount() {
        if (enabled[enabled.length - 1] >= MAX_TASKS) {
            throw new IllegalStateException("the explorer handles at most " + MAX_TASKS + " tasks per execution");
        }
    }

    /**
     * Replaying a recorded step: why this choice point differs from the one recorded at
     * {@code depth} (its enabled tasks and running task), or {@code null} when it matches.
     */
    String divergenceFrom(int depth, int[] recordedEnabled, int recordedCurrent) {
        if (java.util.Arrays.equals(recordedEnabled, enabled) && recordedCurrent == current) {
            return null;
        }
        return "the scenario is not deterministic: at step " + (depth + 1) + " tasks "
                + java.util.Arrays.toString(enabled) + " can run (running: " + current + "), but "
                + java.util.Arrays.toString(recordedEnabled) + " (running: " + recordedCurrent
                + ") could the last time";
    }

    /** The choice that costs nothing: the running task if it can go on, else the lowest index. */
    int defaultChoice() {
        return current >= 0 ? current : enabled[0];
    }
}
