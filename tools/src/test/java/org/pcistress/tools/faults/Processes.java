package org.pcistress.tools.faults;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** A real pcistress command in a process of its own, its output as it comes, and its process tree. */
final class Processes {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    final Process process;
    final List<String> out = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path err;

    private Processes(Process process, Path err) {
        this.process = process;
        this.err = err;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    out.add(l);
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        }, "output of " + process.pid());
        t.setDaemon(true);
        t.start();
    }

    /**
     * {@code java -cp <this test's class path> org.pcistress.tools.Main args} in {@code dir}, leading a
     * session (and process group) of its own, as a CI job or a terminal's foreground job does.
     */
    static Processes pcistress(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("setsid", JAVA, "-cp", System.getProperty("java.class.path"),
                "org.pcistress.tools.Main"));
        cmd.addAll(List.of(args));
        Path err = dir.resolve("stderr-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        return new Processes(p, err);
    }

    /** The first output line that contains {@code text}; fails after {@code timeout}. */
    String awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null) {
                fail("no line with '" + text + "' within " + timeout + "; output: " + out + "; stderr: " + err());
            }
            if (l.contains(text)) {
                return l;
            }
        }
    }

    /** The pids named in a line {@code ... fake host PID fork PID}. */
    static List<Long> pids(String line) {
        String[] w = line.substring(line.indexOf("fake host")).split(" ");
        return List.of(Long.parseLong(w[2]), Long.parseLong(w[4]));
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("still running after " + timeout + "; output: " + out);
        }
        return process.exitValue();
    }

    String err() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "";
        }
    }

    void signal(String signal) throws IOException, InterruptedException {
        run("kill", "-" + signal, String.valueOf(process.pid()));
    }

    /** The signal to the process's whole group (it leads one: {@link #pcistress} starts it with setsid). */
    void signalGroup(String signal) throws IOException, InterruptedException {
        run("kill", "-" + signal, "--", "-" + process.pid());
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process k = new ProcessBuilder(cmd).inheritIO().start();
        k.waitFor(10, TimeUnit.SECONDS);
    }

    /** Alive and not a zombie (a zombie reparented to a PID 1 that never reaps it still looks alive). */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails unless every one of {@code pids} has ended within {@code bound}. */
    static void assertAllGone(List<Long> pids, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (long pid : pids) {
            var h = ProcessHandle.of(pid);
            while (alive(pid)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("pid " + pid + " (" + h.flatMap(x -> x.info().commandLine()).orElse("?") + ") still runs "
                            + bound + " after the fault");
                }
                try {
                    h.get().onExit().get(Math.min(left, 200_000_000L), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | java.util.concurrent.ExecutionException | RuntimeException again) {
                    // a zombie never completes onExit: alive() decides
                }
            }
        }
    }

    /**
     * {@code real} with its entry point replaced by {@link FakeHost}: the same test list and
     * classes (so the stress command's catalogue of the jar is the real one), a host that never
     * finishes.
     */
    static Path fakeJar(Path real, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeHost.class.getName());
        String self = FakeHost.class.getName().replace('.', '/') + ".class";
        try (JarFile in = new JarFile(real.toFile());
             JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target), m)) {
            for (JarEntry e : java.util.Collections.list(in.entries())) {
                if (e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF") || e.getName().startsWith("META-INF/")
                        && (e.getName().endsWith(".SF") || e.getName().endsWith(".RSA"))) {
                    continue;
                }
                jar.putNextEntry(new JarEntry(e.getName()));
                in.getInputStream(e).transferTo(jar);
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry(self));
            try (var c = FakeHost.class.getClassLoader().getResourceAsStream(self)) {
                c.transferTo(jar);
            }
            jar.closeEntry();
        }
        return target;
    }
}
