package org.pcistress.tools.stress;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads jcstress 0.16's console output ({@code -v}) line by line, as it arrives, so a run that is
 * killed half way still leaves every configuration that finished.
 *
 * <p>What 0.16 prints, and what this reads:
 * <pre>
 * .......... [OK] org.….Locking_01_MutexVsRwsemReadABBA.Abba      a block: label and test
 *   JVM args: [-XX:-UseBiasedLocking, -Xss512k]                     per-configuration blocks only
 *        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION         the table (absent on errors)
 *      DEADLOCK        1   25.00%  Interesting  ABBA: reader …
 *   Messages:                                                       errors, timeouts: indented lines
 *     Timeout waiting for tasks to complete: 30313 ms
 * (Results: 8 planned; 2 passed, 1 failed, 0 soft errs, 2 hard errs)   the progress line
 * RUN RESULTS:                                                      then one merged block per test
 *   HTML report generated at …/index.html                           the last line of a whole run
 * </pre>
 * Without {@code -v}, 0.16 prints only the blocks of interesting, failed and errored
 * configurations; the stress command always passes {@code -v}.
 */
public final class ConsoleParser {
    private static final Pattern BLOCK = Pattern.compile(
            "^\\.+ \\[(OK|FAILED|ERROR|TIMEOUT|VM ERROR|SKIPPED)] ([A-Za-z_$][\\w.$]*)\\s*$");
    private static final Pattern TABLE_HEAD = Pattern.compile("^\\s*RESULT\\s+SAMPLES\\s+FREQ\\s+EXPECT\\s+DESCRIPTION\\s*$");
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(.+?)\\s+([\\d,]+)\\s+(\\d+(?:\\.\\d+)?%)\\s+(Acceptable|Interesting|Forbidden|Unknown)(?:\\s+(.*))?$");
    private static final Pattern JVM_ARGS = Pattern.compile("^\\s*JVM args: (.*)$");
    private static final Pattern STREAM_HEAD = Pattern.compile("^\\s*(Messages|VM output stream|VM error stream):\\s*$");
    private static final Pattern PROGRESS = Pattern.compile(
            "^\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)\\s*$");
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*(Interesting tests|Failed tests|Error tests|All remaining tests):.*$");
    private static final int MAX_MESSAGES = 40;

    private enum In { NOTHING, BLOCK, TABLE, STREAM }

    private final Consumer<RunBlock> onConfiguration;
    private final List<RunBlock> configurations = new ArrayList<>();
    private final Map<String, RunBlock> merged = new LinkedHashMap<>();
    private boolean runResults;
    private boolean reportWritten;
    private int planned = -1;
    private final List<String> fatal = new ArrayList<>();
    private boolean failuresThrown;

    private In in = In.NOTHING;
    private String label;
    private String test;
    private String jvmArgs;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    /** @param onConfiguration called for each per-configuration block once it is complete */
    public ConsoleParser(Consumer<RunBlock> onConfiguration) {
        this.onConfiguration = onConfiguration;
    }

    public ConsoleParser() {
        this(b -> { });
    }

    /** Parses a whole captured output. */
    public static ConsoleParser parse(Iterable<String> lines) {
        ConsoleParser p = new ConsoleParser();
        for (String l : lines) {
            p.line(l);
        }
        p.end();
        return p;
    }

    /** Feeds one line (without its line terminator). */
    public void line(String raw) {
        String l = raw.replace("\r", "");
        Matcher m = BLOCK.matcher(l);
        if (m.matches()) {
            close();
            in = In.BLOCK;
            label = m.group(1);
            test = m.group(2);
            jvmArgs = "";
            return;
        }
        if (l.startsWith("RUN RESULTS:")) {
            close();
            runResults = true;
            return;
        }
        if (l.contains("HTML report generated at")) {
            close();
            reportWritten = true;
            return;
        }
        if (l.startsWith("(") || SECTION.matcher(l).matches()) {
            close();
            Matcher p = PROGRESS.matcher(l);
            if (p.matches()) {
                planned = Integer.parseInt(p.group(1));
            }
            return;
        }
        if (l.startsWith("Exception in thread \"main\"") && l.contains("TEST FAILURES")) {
            failuresThrown = true;
        } else if (l.startsWith("FATAL") || l.startsWith("Exception in thread \"main\"")) {
            fatal.add(l.strip());
        }
        switch (in) {
            case NOTHING -> { }
            case BLOCK -> inBlock(l);
            case TABLE -> {
                Matcher r = ROW.matcher(l);
                if (r.matches()) {
                    rows.add(new Row(r.group(1).strip(), Long.parseLong(r.group(2).replace(",", "")), r.group(4),
                            r.group(5) == null ? "" : r.group(5).strip()));
                } else if (l.isBlank()) {
                    in = In.BLOCK;
                }
            }
            case STREAM -> {
                if (l.isBlank()) {
                    in = In.BLOCK;
                } else if (messages.size() < MAX_MESSAGES) {
                    messages.add(l.strip());
                }
            }
            default -> throw new IllegalStateException(in.toString());
        }
    }

    private void inBlock(String l) {
        Matcher j = JVM_ARGS.matcher(l);
        if (j.matches()) {
            jvmArgs = j.group(1).strip();
        } else if (TABLE_HEAD.matcher(l).matches()) {
            in = In.TABLE;
        } else if (STREAM_HEAD.matcher(l).matches()) {
            in = In.STREAM;
        }
    }

    /**
     * The output ended. A block still open is dropped: jcstress prints a progress line after each
     * whole block, so an open one is a block a kill cut short.
     */
    public void end() {
        rows.clear();
        messages.clear();
        in = In.NOTHING;
    }

    private void close() {
        if (in == In.NOTHING) {
            return;
        }
        RunBlock b = new RunBlock(label, test, runResults, jvmArgs, rows, messages);
        rows.clear();
        messages.clear();
        in = In.NOTHING;
        if (runResults) {
            merged.putIfAbsent(b.test(), b);
        } else {
            configurations.add(b);
            onConfiguration.accept(b);
        }
    }

    /** Every per-configuration block, in the order they finished. */
    public List<RunBlock> configurations() {
        return List.copyOf(configurations);
    }

    /** The final section's merged block per test (empty unless the run got that far). */
    public Map<String, RunBlock> merged() {
        return Map.copyOf(merged);
    }

    /** Did jcstress reach its final {@code RUN RESULTS} section and write its report? */
    public boolean finished() {
        return runResults && reportWritten;
    }

    /** The last {@code (Results: N planned; …)} count, or -1. */
    public int planned() {
        return planned;
    }

    /**
     * Did jcstress end by throwing its {@code AssertionError: TEST FAILURES}? It does so, and exits
     * 1, whenever a test failed, timed out or errored: a verdict, not a crash of the harness.
     */
    public boolean failuresThrown() {
        return failuresThrown;
    }

    /** Lines that say jcstress itself failed ({@code FATAL: …}, an uncaught exception in main). */
    public List<String> fatal() {
        return List.copyOf(fatal);
    }
}
