package org.pcistress.kernel.locking;

/**
 * The handle {@link Kernel#attach(String)} returns: the calling thread runs as {@link #task()}
 * until {@link #close()}, which exits the task and restores whatever task the thread had before.
 */
public final class AttachedTask implements AutoCloseable {
    private final Kernel kernel;
    private final Task task;
    private final Task previous;
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    AttachedTask(Kernel kernel, Task task, Task previous) {
        this.kernel = kernel;
        this.task = task;
        this.previous = previous;
    }

    /** The task the thread runs as. */
    public Task task() {
        return task;
    }

    /**
     * Exits the task. Idempotent; a close from any thread but the attached one is refused, since
     * the binding it would undo belongs to that thread.
     */
    @Override
    public void close() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException(task + " is attached to " + thread.getName()
                    + "; close it there, not on " + Thread.currentThread().getName());
        }
        if (closed) {
            return;
        }
        closed = true;
        kernel.detach(task, previous);
    }
}
