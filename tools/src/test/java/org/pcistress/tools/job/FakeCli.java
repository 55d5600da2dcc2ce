package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.stress.RunSummary;
import org.pcistress.tools.stress.TestSummary;
import org.pcistress.tools.stress.Verdict;

/** Subcommands that answer from the test: each command writes what the test says and exits with its code. */
public final class FakeCli implements Subcommands {
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
    public static String matrix(String spec, String... keyVerdict) {
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

    /** A summary.json as {@code pcistress stress} writes it: exit code, then test name / verdict pairs. */
    public static String stressSummary(int exitCode, String... nameVerdict) throws IOException {
        List<TestSummary> tests = new ArrayList<>();
        for (int i = 0; i < nameVerdict.length; i += 2) {
            tests.add(new TestSummary(nameVerdict[i], Verdict.valueOf(nameVerdict[i + 1]), "because", Map.of("OK", 1),
                    1000, false, List.of(), List.of(), List.of()));
        }
        return JobReport.JSON.writeValueAsString(new RunSummary("DONE", ExitCodes.name(exitCode), exitCode, true, null,
                "2026-11-21T03:00:00Z", "2026-11-21T03:40:00Z", 2400, 2400, 2300, 5, 200, List.of("java", "-jar"),
                tests.size(), tests.size(), tests.size(), tests.size(), List.of(), tests));
    }

    /**
     * A jcstress jar as far as its test list goes: {@code META-INF/TestList} naming {@code tests}
     * (two actors each, no declared outcome).
     */
    public static Path jar(Path file, String... tests) throws IOException {
        Files.createDirectories(file.getParent());
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("META-INF/TestList"));
            StringBuilder b = new StringBuilder();
            for (String t : tests) {
                b.append("JCTEST");
                for (String f : List.of(t, t, t.replace('.', '_'), "null")) {
                    b.append(f.length()).append('S').append(f);
                }
                b.append("1I2").append("6Sactor1").append("6Sactor2").append("1BF").append("1I0").append('\n');
            }
            zip.write(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }

    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
