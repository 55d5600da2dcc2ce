package org.pcistress.explore;

import java.util.List;
import org.pcistress.kernel.locking.Completion;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.RwSemaphore;
import org.pcistress.kernel.locking.Scheduler;

/**
 * A wait that slept and was granted: task B's {@code mutex_lock} of a held mutex, its
 * {@code down_read} or {@code down_write} of a read-write semaphore it could not have, or its
 * {@code wait_for_completion} of a completion not yet completed, blocked at step {@code i}; a
 * later step {@code g} of another task (A's unlock or {@code up_*} handing the lock over, A's
 * {@code complete}) granted it and woke B, whose next step goes on from the wait.
 *
 * <p>The race between {@code i} and {@code g} is the only race DPOR leaves unreversed when
 * {@link ExploreOptions#mergeGrantedWaits()} is on, and only when the waited object is all the two
 * steps share. Its reversal runs {@code g} before B's wait, so the wait passes without sleeping.
 * Both locks hand over in FIFO order without barging (a new {@code down_read} queues behind any
 * waiter), so the order in which tasks ask for a lock is the order in which they get it, asleep or
 * not: B gets it at the same place in the order of acquisitions, and every step B runs after it is
 * the one it ran after the grant. What else could tell the two runs apart:
 * <ul>
 *   <li>the wait-for graph while B sleeps: a cycle through B's wait would have to close before
 *       {@code g}, and then A, in it, would never have run {@code g};</li>
 *   <li>a third task asking for the same object in between: after the grant it queues behind B;
 *       when B asks late, it may go first. That order is the race between the two requests, which
 *       DPOR reverses (B's sleeping request, the third task's, then {@code g});</li>
 *   <li>a third task looking at the state without waiting ({@code mutex_trylock},
 *       {@code mutex_is_locked}, the rwsem trylocks, {@code rwsem_is_locked},
 *       {@code completion_done}: a {@link Scheduler#PEEK}): after the grant the lock belongs to B,
 *       before B's late request it is free. Such a look, in any execution, makes
 *       {@link SourceDpor} reverse these races for that object from then on, and the search starts
 *       again without merging if it merged one already ({@link SourceDpor#mergeInvalid}). No
 *       modelled kernel path makes such a look.</li>
 * </ul>
 * The argument is checked, not proved: docs/EXPLORER.md gives the measurement (every cell of the
 * main job's specs, merged against every race reversed and against the plain search).
 */
final class GrantedWait {
    private GrantedWait() {
    }

    /** Is {@code s} a wait of the kinds merged, and did it sleep? */
    static boolean sleptOnMergeable(Step s) {
        return s.blocks && (((s.op == Scheduler.Op.LOCK || s.op == Scheduler.Op.READ_LOCK)
                && (s.target instanceof Mutex || s.target instanceof RwSemaphore))
                || (s.op == Scheduler.Op.WAIT && s.target instanceof Completion));
    }

    /**
     * Does step {@code g} grant the wait that slept at step {@code i} (it is the cause of that task's
     * next step), and is the waited object all the two steps have in common? (A task's first step
     * runs the code before its first wait too, which may touch more.)
     */
    static boolean grants(List<Step> steps, int i, int g) {
        if (!sleptOnMergeable(steps.get(i))) {
            return false;
        }
        int resume = resumeOf(steps, i);
        Step s = steps.get(i);
        return resume >= 0 && causedBy(steps.get(resume), g) && !s.footprint.dependentApartFrom(steps.get(g).footprint, s.target);
    }

    /** The index of the next step of step {@code i}'s task, or -1. */
    static int resumeOf(List<Step> steps, int i) {
        int t = steps.get(i).task;
        for (int k = i + 1; k < steps.size(); k++) {
            if (steps.get(k).task == t) {
                return k;
            }
        }
        return -1;
    }

    /** The step that granted the wait slept at step {@code i} (a cause of the next step of its task), or -1. */
    static int grantOf(List<Step> steps, int i) {
        if (!sleptOnMergeable(steps.get(i))) {
            return -1;
        }
        int resume = resumeOf(steps, i);
        if (resume < 0) {
            return -1;
        }
        for (int c : steps.get(resume).causes) {
            if (c > i && steps.get(c).task != steps.get(i).task) {
                return c;
            }
        }
        return -1;
    }

    private static boolean causedBy(Step s, int g) {
        for (int c : s.causes) {
            if (c == g) {
                return true;
            }
        }
        return false;
    }
}
