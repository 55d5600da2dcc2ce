package org.pcistress.explore;

/** Decides who runs at each choice point of an explored execution. */
interface Chooser {

    /**
     * @return the explored-task index to run, one of {@code d.enabled}; or -1 to end the execution
     *         here (the search has covered it already, or a replayed schedule diverged)
     */
    int choose(Decision d);

    /** Why the last -1 was returned: {@code null} for a covered interleaving, else the divergence. */
    default String divergence() {
        return null;
    }
}
