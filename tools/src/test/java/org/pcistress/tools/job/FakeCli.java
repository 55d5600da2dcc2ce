package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Subcommands that answer from the test: each command writes what the test says and exits with its code. */
final class FakeCli implements Subcommands {
    /** One fake command: given its arguments and its --out folder (or null), writes files and returns a code. */
    interface Command {
        int run(List<String> args, Path out) throws IOException;
    }

    private final Map<String, Command> commands = new HashMap<>();
    final List<List<String>> calls = new ArrayList<>();

    FakeCli on(String name, Command c) {
        commands.put(name, c);
        return this;
    }

    @Override
    public boolean has(String name) {
        return commands.containsKey(name);
    }

    @Override
    public Outcome run(String step, Path log, Duration hardStop, Progress progress, String... args) throws IOException {
        List<String> a = List.of(args);
        calls.add(a);
        int i = a.indexOf("--out");
        Path out = i < 0 ? null : Path.of(a.get(i + 1));
        Files.writeString(log, String.join(" ", a) + "\n");
        return new Outcome(commands.get(a.get(0)).run(a, out), false);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
