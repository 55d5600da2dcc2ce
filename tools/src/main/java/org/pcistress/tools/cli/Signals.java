package org.pcistress.tools.cli;

import java.util.Optional;
import sun.misc.Signal;

/**
 * SIGINT, SIGTERM and SIGHUP end a long command with the harness code (3), not the shell's 128+N,
 * after its shutdown hooks have run; the hooks can then say which signal stopped it. A signal that
 * was ignored when the process started (a background job of a script ignores SIGINT) stays ignored:
 * the JVM keeps it so.
 */
public final class Signals {
    private static volatile String cause;
    private static boolean installed;

    private Signals() {
    }

    /** The signal that stopped this process, in words, once one has. */
    public static Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    /** Records {@code why} as the cause and exits with {@link ExitCodes#HARNESS} (shutdown hooks run). */
    public static void stop(String why) {
        if (cause == null) {
            cause = why;
        }
        Thread t = new Thread(() -> System.exit(ExitCodes.HARNESS), "stop: " + why);
        t.start();
    }

    /** Installs the handlers (once per process). */
    public static synchronized void exitOnStop() {
        if (installed) {
            return;
        }
        installed = true;
        handle("INT", "SIGINT (Ctrl-C)");
        handle("TERM", "SIGTERM (stopped by another process, e.g. a CI cancel)");
        handle("HUP", "SIGHUP (its terminal closed)");
    }

    private static void handle(String name, String why) {
        try {
            Signal.handle(new Signal(name), s -> stop(why));
        } catch (IllegalArgumentException notHere) {
            // a platform without that signal, or one the VM reserves: the JVM's default stays
        }
    }
}
