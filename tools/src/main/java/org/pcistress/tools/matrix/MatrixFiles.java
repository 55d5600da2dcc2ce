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
            if (m == null || !m.has("cells")) {
                throw new IOException(file + " is not a matrix.json (no matrix.cells)");
            }
            return READER.treeToValue(m, MatrixResult.class);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + " is not a matrix.json: " + ReportFiles.reason(e), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not a matrix.json: " + e.getMessage(), e);
        }
    }

    /** One line for a changed cell: {@code bind_pf+aer: OK -> DEADLOCK}. */
    public static String line(MatrixDiff.Change c) {
        return c.key() + ": " + c.fromVerdict() + " -> " + c.toVerdict();
    }
}
