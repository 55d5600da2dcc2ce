package org.pcistress.model.change;

/**
 * A kernel function that goes with a modelled lock function and changes with it, but is no place
 * of its own in the model: {@code pci_dev_unlock} releases what {@code pci_dev_lock} takes (the
 * model releases a path's locks in reverse order), and {@code pci_dev_trylock} takes the same locks
 * without blocking (no modelled path calls it). A patch may change it only in step with the
 * function it goes with; check-patch checks that and says so.
 *
 * @param file the kernel file
 * @param name the function
 * @param of   the modelled function it goes with
 * @param kind how it goes with it
 * @param why  why it is no line of a lock change, in one sentence
 */
public record Companion(String file, String name, String of, Kind kind, String why) {

    /** How a companion goes with its function. */
    public enum Kind {
        /** Releases the function's locks: its release order is the reverse of the function's order. */
        RELEASE,
        /** Takes the function's locks without blocking: its order is the function's order. */
        TRY
    }
}
