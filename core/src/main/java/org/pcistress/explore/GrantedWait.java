package org.pcistress.explore;

import java.util.List;
import org.pcistress.kernel.locking.Completion;
import org.pcistress.kernel.locking.Mutex;
import org.pcistress.kernel.locking.Scheduler;

/**
 * A wait that slept and was granted: task B's {@code mutex_lock} of a held mutex, or its
 * {@code wait_for_completion} of a completion not yet completed, blocked at step {@code i}; a later
 * step {@code g} of another task (A's unlock handing the mutex over, A's {@code complete}) granted it
 * and woke B, whose next step goes on from the wait.
 *
 * <p>The race between {@code i} and {@code g} is the only race DPOR leaves unreversed when
 * {@link ExploreOptions#mergeGrantedWaits()} is on. Its reversal runs {@code g} before B's wait, so
 * the wait passes without sleeping: B takes the mutex (or consumes the completion) at the same place
 * in the order of acquisitions, and every step B runs after it is the one it ran after the grant.
 * Nothing in the kernel's semantics tells the two apart except
 * <ul>
 *   <li>the wait-for graph while B sleeps: a cycle through B's wait would have to close before
 *       {@code g}, and then A, in it, would never have run {@code g};</li>
 *   <li>a third task looking at the state in between without waiting
 *       ({@code mutex_trylock}, {@code mutex_is_locked}, {@code completion_done}: a
 *       {@link Scheduler#PEEK}): after the grant the mutex belongs to B, before B's late wait it
 *       is free. Such a look makes {@link SourceDpor} reverse these races after all (the search
 *       starts again without merging);</li>
 *   <li>a third task's own wait on the same object: it queues behind B after the grant, and may
 *       take the mutex first when B waits late. That order is the race between the two waits,
 *       which DPOR reverses (B's sleeping wait, then the third task's, then {@code g}).</li>
 * </ul>
 * Read-write semaphores are not merged: a writer's sleeping wait blocks the readers that come
 * after it, so when it started matters.
 */
final class GrantedWait {
    private GrantedWait() {
    }

    /** Is step {@code i} a wait of the kinds merged, and did it sleep? */
    static boolean sleptOnMergeable(Step s) {
        return s.blocks && ((s.op == Scheduler.Op.LOCK && s.target instanceof Mutex)
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
