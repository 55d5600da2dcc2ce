package org.pcistress.explore;

import java.util.ArrayList;
import java.util.List;
import org.pcistress.kernel.locking.HeldLock;

/**
 * The report for a state in which no task can run and some have not finished: a deadlock the
 * wait-for detector did not see (a completion nobody will complete, a flag nobody will clear).
 */
final class Stuck {
    private Stuck() {
    }

    static Finding finding(List<TaskSlot> pool) {
        List<String> names = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        b.append("======================================================\n")
                .append("BUG: DEADLOCK: no task can run, and these have not finished\n")
                .append("------------------------------------------------------\n");
        for (TaskSlot s : pool) {
            if (s.finished) {
                continue;
            }
            String wait = Labels.op(s.op, s.target);
            names.add(s.task.name());
            waits.add(wait);
            b.append(s.task).append(s.blocked ? " sleeps in " : " is suspended at ").append(wait)
                    .append(", at: ").append(s.frame == null ? "(top level)" : s.frame.chain()).append('\n');
            List<HeldLock> held = s.task.heldLocks();
            if (held.isEmpty()) {
                b.append("       holds: (no locks held)\n");
            }
            for (int i = 0; i < held.size(); i++) {
                b.append("       holds: #").append(i).append(": ").append(held.get(i)).append('\n');
            }
        }
        b.append("\nNo wait-for cycle closed through locks: the sleepers wait for something no running\n"
                + "task will ever do (a complete() that never comes, a flag nobody clears).\n"
                + "\n *** DEADLOCK ***\n");
        String title = "DEADLOCK: no task can run: " + String.join(", ", names) + " (" + String.join(", ", waits) + ")";
        return new Finding("DEADLOCK", title, b.toString());
    }
}
