package org.pcistress.explore;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which executions may keep a waiting task spinning instead of parked: one per core that the
 * executions running in this JVM leave free. Each running execution keeps one thread busy (the
 * task holding its baton); a spinner beyond the spare cores would take a core from one of them.
 * On 2 cores one execution at a time may spin, two side by side (a 2-worker matrix) may not.
 */
final class SpareCores {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final AtomicInteger EXECUTIONS = new AtomicInteger();
    private static final AtomicInteger SPINNING = new AtomicInteger();

    private SpareCores() {
    }

    /** An execution starts: its baton holder takes a core. */
    static void executionStarts() {
        EXECUTIONS.incrementAndGet();
    }

    static void executionEnds() {
        EXECUTIONS.decrementAndGet();
    }

    /** Takes a spinner's place if a core is spare; {@link #release} gives it back. */
    static boolean tryAcquire() {
        while (true) {
            int now = SPINNING.get();
            if (now + EXECUTIONS.get() >= CORES) {
                return false;
            }
            if (SPINNING.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    static void release() {
        SPINNING.decrementAndGet();
    }
}
