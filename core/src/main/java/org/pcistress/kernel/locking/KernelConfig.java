package org.pcistress.kernel.locking;

import java.util.concurrent.TimeUnit;

/**
 * How one {@link Kernel} checks its locks. The wait-for detector and the lockdep-style validator
 * can each be switched off (the benchmarks measure what each costs); the hung-task backstop cannot:
 * nothing in pcistress waits without a bound.
 *
 * @param detector     the wait-for detector: a wait that closes a cycle throws {@link DeadlockDetected}
 * @param validator    the lockdep-style dependency validator
 * @param hungTaskNanos the longest any model wait may take before {@link HungTaskDetected}
 * @param lockdep      the validator's dependency graph; share one across kernels to accumulate
 *                     dependencies over many runs, or {@code null} for a fresh graph per kernel
 */
public record KernelConfig(boolean detector, boolean validator, long hungTaskNanos, Lockdep lockdep) {

    /** {@code -Dpcistress.hungTaskMillis}, default 5000: the kernel's hung_task_timeout_secs, scaled. */
    public static final long DEFAULT_HUNG_TASK_MILLIS = Long.getLong("pcistress.hungTaskMillis", 5000L);

    public KernelConfig {
        if (hungTaskNanos <= 0) {
            throw new IllegalArgumentException("the hung-task bound must be positive: " + hungTaskNanos);
        }
    }

    /** Detector and validator on, the default bound. */
    public static KernelConfig defaults() {
        return new KernelConfig(true, true, TimeUnit.MILLISECONDS.toNanos(DEFAULT_HUNG_TASK_MILLIS), null);
    }

    public KernelConfig withDetector(boolean on) {
        return new KernelConfig(on, validator, hungTaskNanos, lockdep);
    }

    public KernelConfig withValidator(boolean on) {
        return new KernelConfig(detector, on, hungTaskNanos, lockdep);
    }

    public KernelConfig withHungTaskMillis(long millis) {
        return new KernelConfig(detector, validator, TimeUnit.MILLISECONDS.toNanos(millis), lockdep);
    }

    public KernelConfig withLockdep(Lockdep shared) {
        return new KernelConfig(detector, true, hungTaskNanos, shared);
    }
}
