package org.pcistress.explore;

import java.util.Objects;
import java.util.function.Function;
import org.pcistress.kernel.locking.Scheduler;

/**
 * A factory of executions: given the explorer's {@link Scheduler}, {@link #build} makes a fresh
 * {@code Kernel(config, scheduler)} and model and returns the actors to race and the final check.
 * The explorer calls it once per execution, so nothing may be shared between two builds: the
 * search replays schedule prefixes and relies on every build being identical.
 */
public interface Scenario {

    /** A short name: {@code "mutex-abba"}, {@code "bind_pf+aer"}. */
    String name();

    /** A fresh kernel, model and actors for one execution. Model code here runs unexplored. */
    Setup build(Scheduler scheduler);

    /** A scenario from a name and a build function. */
    static Scenario of(String name, Function<Scheduler, Setup> build) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(build, "build");
        return new Scenario() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Setup build(Scheduler scheduler) {
                return build.apply(scheduler);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
