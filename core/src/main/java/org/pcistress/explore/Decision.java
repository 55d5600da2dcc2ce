package org.pcistress.explore;

import java.util.List;

/**
 * One choice point of an explored execution, as a {@link Chooser} sees it: the tasks that can run
 * (explored-task indices, ascending), the task that was running if it could go on (else -1), and
 * the steps so far.
 */
final class Decision {
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

    /** The choice that costs nothing: the running task if it can go on, else the lowest index. */
    int defaultChoice() {
        return current >= 0 ? current : enabled[0];
    }
}
