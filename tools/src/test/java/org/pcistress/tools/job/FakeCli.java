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

    /**
     * A matrix.json as {@code pcistress matrix} writes it, from key/verdict pairs; a verdict is
     * {@code OK} or failure kinds joined by {@code +}.
     */
    static String matrix(String spec, String... keyVerdict) {
        StringBuilder b = new StringBuilder("{\"tool\":\"pcistress matrix\",\"command\":\"x\",\"matrix\":{\"spec\":\"")
                .append(spec).append("\",\"bound\":\"2 preemptions\",\"entries\":[],\"cells\":[");
        for (int i = 0; i < keyVerdict.length; i += 2) {
            String verdict = keyVerdict[i + 1];
            StringBuilder failures = new StringBuilder();
            for (String kind : verdict.equals("OK") ? new String[0] : verdict.split("\\+")) {
                failures.append(failures.length() == 0 ? "" : ",").append("{\"kind\":\"").append(kind)
                        .append("\",\"title\":\"t\",\"schedule\":\"0x1\",\"length\":1,\"preemptions\":0,")
                        .append("\"tasks\":[],\"table\":\"\",\"text\":\"\"}");
            }
            b.append(i == 0 ? "" : ",").append("{\"key\":\"").append(keyVerdict[i]).append("\",\"entries\":[],")
                    .append("\"initialState\":\"\",\"verdict\":\"").append(verdict).append("\",\"exhausted\":true,")
                    .append("\"coverage\":\"\",\"executions\":1,\"millis\":1,\"failures\":[").append(failures)
                    .append("],\"lockdep\":[],\"note\":\"\"}");
        }
        return b.append("],\"millis\":1}}").toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
