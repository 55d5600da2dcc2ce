package org.pcistress.kernel.locking;

/**
 * One entry of a task's model call chain: the kernel function it is in, and its caller.
 *
 * <p>Frames are immutable and linked to their caller, so a lock acquisition can keep the chain it
 * was taken under by holding one reference, at no copying cost, and a report printed much later
 * still shows the chain as it was.
 */
public final class Frame {
    private final String function;
    private final Frame caller;
    private final int depth;

    Frame(String function, Frame caller) {
        this.function = function;
        this.caller = caller;
        this.depth = caller == null ? 1 : caller.depth + 1;
    }

    public String function() {
        return function;
    }

    public Frame caller() {
        return caller;
    }

    public int depth() {
        return depth;
    }

    /** Innermost first, as a kernel stack trace prints it. */
    public java.util.List<String> innermostFirst() {
        java.util.List<String> out = new java.util.ArrayList<>(depth);
        for (Frame f = this; f != null; f = f.caller) {
            out.add(f.function);
        }
        return out;
    }

    /** Outermost first: {@code remove_store → pci_stop_and_remove_bus_device_locked → …}. */
    public String chain() {
        java.util.List<String> fs = innermostFirst();
        java.util.Collections.reverse(fs);
        return String.join(" \u2192 ", fs);
    }

    @Override
    public String toString() {
        return chain();
    }
}
