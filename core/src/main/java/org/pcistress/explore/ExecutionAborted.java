package org.pcistress.explore;

/**
 * Thrown by the explorer's scheduler into every task of an execution it ends early (a state where
 * no task can run, the step limit, a stall, a search that has seen this interleaving already). It
 * is an {@link Error}, not a {@code KernelBug}, so the model's {@code catch (KernelBug)} blocks let
 * it pass; it unwinds the task's thread through the model's {@code finally} blocks and every later
 * call into the scheduler throws it again, so nothing of that execution runs on.
 */
final class ExecutionAborted extends Error {
    private static final long serialVersionUID = 1L;

    ExecutionAborted(String why) {
        super(why, null, false, false);
    }
}
