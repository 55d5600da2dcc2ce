package org.pcistress.bench.locking;

import java.util.Locale;
import org.pcistress.kernel.locking.KernelConfig;

/**
 * The {@code @Param checking} of the locking benchmarks: which lock a benchmark takes. {@code jdk}
 * is java.util.concurrent's lock, the reference every ratio is taken against; the other three are
 * the model's primitive under one {@link KernelConfig}. The hung-task bound is always on: it costs
 * nothing until a task waits.
 */
enum Checking {
    /** {@code ReentrantLock} / {@code ReentrantReadWriteLock}: the reference. */
    JDK(null),
    /** The same, fair: FIFO hand-off like the model's primitives (contended benchmarks only). */
    JDKFAIR(null),
    /** The model, wait-for detector and lockdep validator off. */
    OFF(KernelConfig.defaults().withDetector(false).withValidator(false)),
    /** The model, wait-for detector on, validator off. */
    DETECTOR(KernelConfig.defaults().withValidator(false)),
    /** The model, detector and validator on: what jcstress and the explorer run with. */
    BOTH(KernelConfig.defaults());

    private final KernelConfig config;

    Checking(KernelConfig config) {
        this.config = config;
    }

    static Checking of(String param) {
        return valueOf(param.toUpperCase(Locale.ROOT));
    }

    boolean isModel() {
        return config != null;
    }

    boolean isFair() {
        return this == JDKFAIR;
    }

    /** The kernel configuration of a model setting; only for {@link #isModel()}. */
    KernelConfig config() {
        if (config == null) {
            throw new IllegalStateException(this + " is not a model setting");
        }
        return config;
    }
}
