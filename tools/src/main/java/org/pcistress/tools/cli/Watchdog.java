package org.pcistress.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starting a tool we do not own (the jcstress host, the JMH host) so that it cannot outlive us.
 *
 * <p>The tool leads a process group of its own ({@code setsid}), which its forked VMs inherit, so
 * one signal to the group reaches all of them. Beside it in that group runs a small shell loop
 * that polls the pcistress process which started it: when that process is gone, whatever killed it
 * (a SIGKILL of it alone, or of its whole process group, which does not reach ours), the loop sends
 * the group SIGTERM, then SIGKILL three seconds later. When the tool ends normally the loop ends
 * too. Without {@code setsid} (not Linux) the command runs as it is.
 */
public final class Watchdog {
    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final String SCRIPT = "w=$1; shift; "
            + "( trap '' TERM INT HUP; "
            + "while kill -0 \"$w\" 2>/dev/null; do kill -0 $$ 2>/dev/null || exit 0; sleep 1; done; "
            + "kill -TERM 0 2>/dev/null; sleep 3; kill -KILL 0 2>/dev/null ) </dev/null >/dev/null 2>&1 & "
            + "exec \"$@\"";

    private Watchdog() {
    }

    /**
     * Stops {@code p} and its group: SIGTERM to the group, SIGKILL {@code graceMs} later to what is
     * left (also to every descendant, for a tool that did not lead its own group).
     */
    public static void stopGroup(Process p, long graceMs) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        boolean leader = groupOf(p.pid()) == p.pid();
        if (leader) {
            signalGroup("TERM", p.pid());
        } else {
            p.destroy();
        }
        try {
            p.waitFor(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (leader) {
            signalGroup("KILL", p.pid());
        }
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static void signalGroup(String signal, long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            // destroyForcibly on the tree still runs
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process group of {@code pid}, from /proc (Linux), or -1. */
    public static long groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses: split after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[2]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code command}, to run in a group of its own that dies with this process. */
    public static List<String> wrap(List<String> command) {
        if (!Files.isExecutable(SETSID) || !Files.isExecutable(Path.of("/bin/sh"))) {
            return List.copyOf(command);
        }
        List<String> c = new ArrayList<>(List.of(SETSID.toString(), "/bin/sh", "-c", SCRIPT, "pcistress-watchdog",
                String.valueOf(ProcessHandle.current().pid())));
        c.addAll(command);
        return c;
    }
}
