package org.pcistress.explore;

import java.util.Objects;

/**
 * One actor of a scenario: a named body the explorer runs as a task of its own, on a thread of
 * its own ({@code kernel.call(name, body)}). The name heads the actor's column in a counterexample.
 *
 * @param name the task name, e.g. {@code "bind_store"} or {@code "aer_isr"}
 * @param body the model code the task runs
 */
public record Actor(String name, Runnable body) {
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }
}
