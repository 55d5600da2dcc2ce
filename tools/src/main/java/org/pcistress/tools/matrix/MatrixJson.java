package org.pcistress.tools.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcistress.explore.matrix.MatrixDiff;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.report.FormatVersion;

/** matrix.json and diff.json: the records as they are, with the command that made them. */
final class MatrixJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MatrixJson() {
    }

    static void write(Path file, MatrixResult m, String command) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "pcistress matrix");
        doc.put("command", command);
        doc.put("matrix", m);
        org.pcistress.tools.cli.AtomicFiles.write(file, MAPPER.writeValueAsString(FormatVersion.MATRIX.stamp(MAPPER.valueToTree(doc))));
    }

    static void write(Path file, MatrixDiff d, String command) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("tool", "pcistress matrix-diff");
        doc.put("command", command);
        doc.put("exitCode", d.exitCode());
        doc.put("diff", d);
        org.pcistress.tools.cli.AtomicFiles.write(file, MAPPER.writeValueAsString(doc));
    }
}
