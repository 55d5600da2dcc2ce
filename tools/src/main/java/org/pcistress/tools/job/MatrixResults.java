package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pcistress.kernel.ReportKind;

/**
 * A matrix.json read as cell to verdict, and the difference between two of them.
 *
 * <p>The reading is the one place that knows the matrix format (branch {@code explore}): an array
 * of cells under {@code cells} (or {@code pairs}, {@code results}), each naming its pair of entry
 * points ({@code a}/{@code b}, {@code row}/{@code column}, {@code first}/{@code second} or one
 * {@code pair}) and a {@code verdict} ({@code OK} or a {@link ReportKind} name).
 */
public record MatrixResults(Map<String, String> cells) {
    private static final List<String> ARRAYS = List.of("cells", "pairs", "results");
    private static final List<List<String>> KEYS = List.of(List.of("a", "b"), List.of("row", "column"),
            List.of("first", "second"), List.of("pair"), List.of("id"));
    private static final List<String> VERDICTS = List.of("verdict", "result", "outcome");
    private static final Set<String> PASSING = Set.of("OK", "PASS", "PASSED", "NEVER");

    /** A cell whose verdict changed. */
    public record Change(String cell, String from, String to) {
        @Override
        public String toString() {
            return cell + ": " + (from == null ? "(new)" : from) + " -> " + (to == null ? "(gone)" : to);
        }
    }

    /** Reads {@code file}; throws with a one-line reason when it is not a matrix.json. */
    public static MatrixResults read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JobReport.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not JSON: " + JobReport.reason(e), e);
        }
        JsonNode arr = root == null ? null : root.isArray() ? root : ARRAYS.stream().map(root::get)
                .filter(n -> n != null && n.isArray()).findFirst().orElse(null);
        if (arr == null) {
            throw new IOException(file + " has no array of cells (" + String.join("/", ARRAYS) + ")");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (JsonNode c : arr) {
            String key = key(c);
            String verdict = VERDICTS.stream().map(c::get).filter(n -> n != null && n.isValueNode())
                    .map(JsonNode::asText).findFirst().orElse(null);
            if (key == null || verdict == null) {
                throw new IOException(file + ": a cell without a pair or a verdict: " + c);
            }
            cells.put(key, verdict);
        }
        return new MatrixResults(Map.copyOf(cells));
    }

    private static String key(JsonNode cell) {
        for (List<String> names : KEYS) {
            if (names.stream().allMatch(n -> cell.hasNonNull(n))) {
                List<String> parts = new ArrayList<>();
                names.forEach(n -> parts.add(cell.get(n).isValueNode() ? cell.get(n).asText() : cell.get(n).toString()));
                return String.join(" x ", parts);
            }
        }
        return null;
    }

    /** Whether {@code verdict} is a failure: anything but OK and lockdep's predictions. */
    public static boolean isFailure(String verdict) {
        String v = verdict.toUpperCase(Locale.ROOT);
        if (PASSING.contains(v)) {
            return false;
        }
        try {
            return ReportKind.valueOf(v).isFailure();
        } catch (IllegalArgumentException unknown) {
            return true;
        }
    }

    /** Every cell whose verdict differs between {@code this} and {@code to}, in cell order. */
    public List<Change> changesTo(MatrixResults to) {
        Set<String> all = new TreeSet<>(cells.keySet());
        all.addAll(to.cells.keySet());
        List<Change> changes = new ArrayList<>();
        for (String cell : all) {
            String a = cells.get(cell);
            String b = to.cells.get(cell);
            if (a == null || !a.equals(b)) {
                changes.add(new Change(cell, a, b));
            }
        }
        return changes;
    }

    /** The cells that passed here and fail in {@code to}: what a change introduced. */
    public List<Change> introducedFailures(MatrixResults to) {
        return changesTo(to).stream()
                .filter(c -> c.from() != null && c.to() != null && !isFailure(c.from()) && isFailure(c.to()))
                .toList();
    }

    /** How many cells fail. */
    public long failures() {
        return cells.values().stream().filter(MatrixResults::isFailure).count();
    }
}
