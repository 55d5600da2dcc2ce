package org.pcistress.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs actors on threads of their own and joins them, boundedly. */
final class Actors {
    private Actors() {
    }

    /** Starts every actor, joins them all (10 s bound each); returns whether all finished. */
    static boolean run(Runnable... actors) {
        List<Thread> threads = new ArrayList<>();
        for (Runnable a : actors) {
            Thread t = new Thread(a, "actor-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        boolean all = true;
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all &= !t.isAlive();
        }
        return all;
    }
}
