package org.pcistress.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads the history file: one case a line, columns {@code case | entries | profile | says | via |
 * source}, {@code #} comments and blank lines ignored. The built-in file is
 * {@code org/pcistress/history/cases.txt} in core's resources, readable on its own.
 */
public final class HistoryCases {
    /** What a case may say besides a single failure kind. */
    static final Set<String> CLASSES = Set.of("OK", "DEADLOCK", "LOCKING_BUG", "CORRUPTION", "HUNG_TASK",
            "VF_LEAKED", "MISSED_BROADCAST", "UNLOCKED_CALLBACK");

    private HistoryCases() {
    }

    /** The cases shipped with the model. */
    public static List<HistoryCase> builtIn() {
        try (InputStream in = HistoryCases.class.getResourceAsStream("cases.txt")) {
            if (in == null) {
                throw new IllegalStateException("org/pcistress/history/cases.txt is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "cases.txt");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read org/pcistress/history/cases.txt: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a history file.
     *
     * @param origin the file's name, for error messages
     * @throws IllegalArgumentException naming the file and line of the first bad line
     */
    public static List<HistoryCase> parse(String text, String origin) {
        List<HistoryCase> out = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] cols = l.split("\\s+\\|\\s+", 6);
            String where = origin + ":" + (i + 1) + ": ";
            if (cols.length != 6) {
                throw new IllegalArgumentException(where + "expected 6 columns 'case | entries | profile | says | via"
                        + " | source', got " + cols.length);
            }
            List<String> entries = Arrays.stream(cols[1].split("\\+")).map(String::strip).toList();
            if (entries.isEmpty() || entries.size() > 2 || entries.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException(where + "entries must be one entry point or two joined by '+', got '"
                        + cols[1] + "'");
            }
            String says = cols[3].strip();
            if (!CLASSES.contains(says) && !HistoryCase.CORRUPTION.contains(says)) {
                throw new IllegalArgumentException(where + "unknown verdict '" + says + "'; use OK, DEADLOCK, LOCKING_BUG,"
                        + " CORRUPTION or a failure kind");
            }
            List<String> via = cols[4].strip().equals("-") ? List.of() : List.of(cols[4].strip().split("\\s+"));
            if (says.equals("OK") && !via.isEmpty()) {
                throw new IllegalArgumentException(where + "an OK case has no counterexample to pass through '" + cols[4]
                        + "'; use '-'");
            }
            if (cols[5].isBlank()) {
                throw new IllegalArgumentException(where + "every case needs its source (a commit, a report, or 'derived: why')");
            }
            out.add(new HistoryCase(cols[0].strip(), entries, cols[2].strip(), says, via, cols[5].strip(), i + 1));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(origin + ": no case in the file");
        }
        return out;
    }
}
