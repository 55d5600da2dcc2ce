package org.pcistress.model.entry;

/**
 * Something userspace or hardware can trigger, by one name from test to report: a built-in
 * {@link EntryPoint} or a user's {@link UserEntryPoint}. The matrix, the explorer's scenarios and
 * the command line find both through {@link Triggers}.
 */
public interface Trigger {

    /** A short, stable name: {@code bind_pf}; one word, no {@code +}. */
    String id();

    /** What it does, in the kernel's words. */
    String title();

    /** Does the scenario matrix race it? */
    boolean inMatrix();

    /** {@code s} changed as this trigger needs it to have something to do; only for {@link #inMatrix()} ones. */
    BootState needs(BootState s);

    /** Runs it as one task on the calling thread: 0, a negative errno, or {@link EntryPoints#KERNEL_BUG}. */
    int run(PciSystem sys);
}
