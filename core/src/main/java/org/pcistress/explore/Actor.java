package org.pcistress.explore;

import java.util.Objects;

/**
 * One actor of a scenario: a named body the explorer runs on a thread of its own. A
 * {@link #task plain} actor's body runs as a task the explorer makes ({@code kernel.call(name,
 * body)}); an {@link #attaching} actor's body makes its own task, exactly one, as the model's
 * entry points do ({@code core.entry().aerError(bdf)} runs as task {@code aer_isr}).
 *
 * @param name      the task name (plain) or the actor's label (attaching)
 * @param body      the model code
 * @param attaching whether the body enters the kernel by itself
 */
public record Actor(String name, Runnable body, boolean attaching) {
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
    }

    /** A body the explorer runs as task {@code name}. */
    public Actor(String name, Runnable body) {
        this(name, body, false);
    }

    /** A body that runs as a task of the explorer's making, named {@code name}. */
    public static Actor task(String name, Runnable body) {
        return new Actor(name, body, false);
    }

    /** A body that enters the kernel itself, through exactly one {@code Kernel.run/call}. */
    public static Actor attaching(String label, Runnable body) {
        return new Actor(label, body, true);
    }
}
