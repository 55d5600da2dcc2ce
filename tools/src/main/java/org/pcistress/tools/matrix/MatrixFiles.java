package org.pcistress.tools.matrix;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.cli.ReportFiles;
import org.pcistress.tools.report.FormatVersion;

/**
 * Reading the matrix.json that {@code pcistress matrix} writes ({@code {"tool", "command", "matrix"}})
 * back into the explorer's {@link MatrixResult}, so that files from two runs or two checkouts
 * are compared by the same {@link MatrixDiff} as {@code pcistress matrix-diff}.
 */
public final class MatrixFiles {
    public static final String FILE = "matrix.json";
    private static final ObjectMapper READER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MatrixFiles() {
    }

    /** Reads {@code path}, a matrix.json or a folder holding one; throws with a one-line reason. */
    public static MatrixResult read(Path path) throws IOException {
        Path file = Files.isDirectory(path)
                ? ReportFiles.first(path, FILE).orElseThrow(() -> new IOException(path + " holds no " + FILE))
                : path;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        try {
            JsonNode root = READER.readTree(file.toFile());
            FormatVersion.MATRIX.check(root, file);
            JsonNode m = root == null ? null : root.get("matrix");
            if (m == null || !m.path("cells").isArray()) {
                throw new IOException(file + " is not a matrix.json (no matrix.cells)");
            }
            check(file, m);
            return READER.treeToValue(m, MatrixResult.class);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + " is not a matrix.json: " + ReportFiles.reason(e), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not a matrix.json: " + e.getMessage(), e);
        }
    }

    /** The words a verdict is made of: the model's failure kinds and the explorer's own. */
    static final java.util.Set<String> KINDS = kinds();

    private static java.util.Set<String> kinds() {
        java.util.Set<String> k = new java.util.TreeSet<>(java.util.List.of("EXCEPTION", "STEP_LIMIT", "STALLED",
                "SETUP_FAILED"));
        for (org.pcistress.kernel.ReportKind r : org.pcistress.kernel.ReportKind.values()) {
            k.add(r.name());
        }
        return java.util.Set.copyOf(k);
    }

    /** A matrix that names its spec, has cells, and whose every cell has a key and a known verdict. */
    private static void check(Path file, JsonNode m) throws IOException {
        if (!m.path("spec").isTextual() || m.get("spec").asText().isBlank()) {
            throw new IOException(file + " is not a matrix.json: matrix.spec is missing or not a name");
        }
        if (m.get("cells").isEmpty()) {
            throw new IOException(file + " holds no cells");
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        int i = 0;
        for (JsonNode c : m.get("cells")) {
            String where = file + ": cell " + i++;
            if (!c.path("key").isTextual() || c.get("key").asText().isBlank()) {
                throw new IOException(where + " has no key");
            }
            String key = c.get("key").asText();
            if (!keys.add(key)) {
                throw new IOException(where + " repeats the cell " + key);
            }
            String verdict = c.path("verdict").asText("");
            if (!verdict.equals("OK")) {
                for (String kind : verdict.split("\\+", -1)) {
                    if (!KINDS.contains(kind)) {
                        throw new IOException(where + " (" + key + ") has the unknown verdict '" + verdict
                                + "': a verdict is OK or failure kinds joined by '+'");
                    }
                }
            }
        }
    }

    /** The specs a report's {@code matrix/} folder holds a matrix.json for, sorted. */
    public static java.util.List<String> specsIn(Path matrixDir) {
        if (!Files.isDirectory(matrixDir)) {
            return java.util.List.of();
        }
        try (var list = Files.list(matrixDir)) {
            return list.filter(d -> Files.isRegularFile(d.resolve(FILE))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /** One line for a changed cell: {@code bind_pf+aer: OK -> DEADLOCK}. */
    public static String line(MatrixDiff.Change c) {
        return c.key() + ": " + c.fromVerdict() + " -> " + c.toVerdict();
    }
}
