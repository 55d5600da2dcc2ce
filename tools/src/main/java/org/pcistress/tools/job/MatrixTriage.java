package org.pcistress.tools.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcistress.explore.matrix.Cell;
import org.pcistress.explore.matrix.MatrixResult;
import org.pcistress.tools.report.KnownFinding;
import org.pcistress.tools.report.KnownFindings;

/**
 * Each matrix's failing cells sorted into the findings docs/FINDINGS.md explains and the new ones,
 * as the index's matrix table shows them (matrix/triage.json in the report).
 *
 * @param rows one per spec, in run order
 */
record MatrixTriage(List<Row> rows) {
    static final String FILE = "triage.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One matrix.
     *
     * @param spec     the profile with its fixes
     * @param cells    cells in the matrix
     * @param failing  failing cells
     * @param triaged  whether docs/FINDINGS.md triages this profile at all
     * @param known    the findings that explain failing cells here, each with the cells it explains here
     * @param unknown  failing cells no finding explains: new
     */
    record Row(String spec, int cells, int failing, boolean triaged, List<Known> known, List<String> unknown) {
    }

    /**
     * A finding and the failing cells of one matrix it explains.
     *
     * @param profile the profile FINDINGS.md triaged it under (its id starts with it)
     */
    record Known(String id, String profile, String group, String klass, List<String> cells) {
        /** The id without its profile: {@code s1} for {@code v7.0-s1}. */
        String shortId() {
            String prefix = profile.replace('+', '-') + "-";
            return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
        }
    }

    static Row row(MatrixResult m, KnownFindings findings) {
        Map<String, Known> known = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Cell c : m.cells()) {
            if (!c.failed()) {
                continue;
            }
            List<KnownFinding> why = findings.explain(m.spec(), c.key());
            if (why.isEmpty()) {
                unknown.add(c.key());
            }
            for (KnownFinding f : why) {
                known.computeIfAbsent(f.id(), id -> new Known(id, f.profile(), f.group(), f.klass(), new ArrayList<>()))
                        .cells().add(c.key());
            }
        }
        return new Row(m.spec(), m.cells().size(), (int) m.failing(), findings.triaged(m.spec()),
                List.copyOf(known.values()), unknown);
    }

    void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    /** The triage in {@code file}, or none when it is missing or unreadable (the index then omits the table). */
    static MatrixTriage read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), MatrixTriage.class) : new MatrixTriage(List.of());
        } catch (IOException e) {
            return new MatrixTriage(List.of());
        }
    }
}
