package org.pcistress.tools.faults;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Stands in for the jcstress host or the JMH host in the fault tests: a JVM that forks another JVM
 * (its "forked VM") and runs until it is killed. Like jcstress, it leaves a file in its folder that
 * only a SIGTERM (its shutdown hook) removes, so a test sees whether it was stopped with TERM first.
 * Like JMH, it can hold a lock file while it runs. It prints its pids in the line a pcistress
 * command passes on: {@code pcistress: fake host PID fork PID} (stress), {@code # Run progress:
 * fake host PID fork PID} (bench).
 */
public final class FakeHost {
    /** The file a SIGTERM removes (jcstress's temporary directives file plays this part). */
    public static final String LITTER = "fake-directives";

    private FakeHost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("fork")) {
            Thread.sleep(600_000); // a forked VM: it runs until something kills it
            return;
        }
        boolean jmh = System.getProperty("fake.jmh") != null || List.of(args).contains("-rff");
        Path litter = Path.of(LITTER);
        Files.writeString(litter, "delete me on exit");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(litter);
            } catch (IOException ignored) {
                // the test sees the file
            }
        }));
        FileChannel lock = null;
        if (jmh) {
            lock = FileChannel.open(Path.of("jmh.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock.lock();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process fork = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FakeHost.class.getName(),
                "fork").inheritIO().start();
        System.out.println((jmh ? "# Run progress: " : "pcistress: ") + "fake host " + ProcessHandle.current().pid()
                + " fork " + fork.pid());
        System.out.flush();
        Thread.sleep(600_000);
        if (lock != null) {
            lock.close();
        }
    }
}
