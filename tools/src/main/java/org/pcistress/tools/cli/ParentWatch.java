package org.pcistress.tools.cli;

import java.util.Optional;

/**
 * A command started by another pcistress process (a step of {@code run}) ends when that process is
 * gone, whatever killed it (SIGKILL included): a thread polls the parent, and when the process is
 * reparented it exits with {@link ExitCodes#HARNESS}, so the command's own shutdown hooks stop what
 * it started (jcstress, JMH) and record the kill. The parent passes its pid as the system property
 * {@value #PROPERTY}.
 */
public final class ParentWatch {
    /** The system property that names the parent's pid. */
    public static final String PROPERTY = "pcistress.parent";
    static final long POLL_MS = 250;

    private ParentWatch() {
    }

    /** Starts watching when {@value #PROPERTY} is set; does nothing otherwise. */
    public static void startIfAsked() {
        String pid = System.getProperty(PROPERTY);
        if (pid == null || pid.isBlank()) {
            return;
        }
        long parent;
        try {
            parent = Long.parseLong(pid.trim());
        } catch (NumberFormatException e) {
            return;
        }
        Thread t = new Thread(() -> watch(parent), "watch parent " + parent);
        t.setDaemon(true);
        t.start();
    }

    private static void watch(long parent) {
        while (true) {
            Optional<Long> now = ProcessHandle.current().parent().map(ProcessHandle::pid);
            boolean alive = ProcessHandle.of(parent).map(ProcessHandle::isAlive).orElse(false);
            if (!alive || now.isEmpty() || now.get() != parent) {
                System.err.println("pcistress: the process that started this one (pid " + parent
                        + ") is gone; stopping");
                Signals.stop("its parent process " + parent + " is gone (killed)");
                return;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
