/**
 * The kernel's locking primitives, with the kernel's semantics, and the machinery that turns every
 * deadlock into a report instead of a hang.
 *
 * <h2>Semantics (what the model guarantees, and which kernel it follows)</h2>
 * <ul>
 *   <li><b>{@link org.pcistress.kernel.locking.Mutex}</b> (mutex-design.rst, v6.19): one owner; only
 *       the owner unlocks ({@link org.pcistress.kernel.locking.LockingBug} otherwise); not recursive:
 *       locking a held mutex again is an immediate self-deadlock. {@code mutex_is_locked()} exists;
 *       a "do I own it" query does not, on purpose (the kernel exports none).</li>
 *   <li><b>{@link org.pcistress.kernel.locking.RwSemaphore}</b> (v4.14 rwsem-xadd.c wake-up
 *       policy): FIFO; a queued writer blocks new readers; a release grants a writer alone or the
 *       readers at the head up to the first writer. {@code down_read} is not recursive: a second
 *       {@code down_read} by a reader while a writer is queued deadlocks (lockdep's
 *       {@code rsem_AA1}; the case behind 1e560864159d).</li>
 *   <li><b>device_lock(dev)</b> is a {@code Mutex} per device (the model gives it a lockdep class per
 *       role; the kernel makes it novalidate, which is why lockdep never saw the 2017 deadlock).</li>
 *   <li><b>{@link org.pcistress.kernel.locking.CfgAccessLock}</b> ({@code pci_cfg_access_lock},
 *       access.c): a flag and a wait queue, no owner, no lockdep map; a waiter waits for the task
 *       that set the flag.</li>
 *   <li><b>{@link org.pcistress.kernel.locking.Completion} and
 *       {@link org.pcistress.kernel.locking.Work}</b> ({@code wait_for_completion}, {@code flush_work},
 *       {@code work_on_cpu}): the waiter waits on the task that is to complete the work. A probe run
 *       by {@code work_on_cpu} in a kworker while its caller holds a lock the probe wants is a
 *       cross-thread deadlock, not a recursion.</li>
 * </ul>
 *
 * <h2>A deadlock is a result, never a hang</h2>
 * Every task that is about to sleep marks what it waits on, under the scheduler's single monitor,
 * and the wait-for detector searches for a cycle through it. Edges: mutex owner, rwsem writer or
 * readers, writers queued ahead of a reader (and everyone queued ahead of a writer), the setter of
 * the config-access flag, the kworker that is to complete a work item. Only sleeping tasks are
 * followed, and a sleeping task cannot release anything, so a reported cycle is real when reported.
 * The task that closes the cycle, and only it, throws
 * {@link org.pcistress.kernel.locking.DeadlockDetected}; it unwinds through the model's
 * {@code finally} blocks and {@link org.pcistress.kernel.locking.Kernel} releases whatever it still
 * holds, so the rest of the cycle finishes. Any wait longer than the hung-task bound throws
 * {@link org.pcistress.kernel.locking.HungTaskDetected} with a dump of every task's held locks.
 *
 * <h2>The uncontended path</h2>
 * A lock is one CAS on one word and an unlock another; the held-lock stack (when the detector or
 * the validator is on) reuses preallocated slots. Only contended operations take the monitor.
 *
 * <h2>One narrow interface</h2>
 * Every acquisition, release, wait and wake passes through
 * {@link org.pcistress.kernel.locking.Scheduler}, so a deterministic explorer can choose who runs
 * next without touching the primitives.
 */
package org.pcistress.kernel.locking;
