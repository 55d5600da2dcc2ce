package org.pcistress.tools.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code "schema"} field of the JSON files other tools read (docs/FORMATS.md):
 * {@code "pcistress.KIND/MAJOR.MINOR"}. A reader takes every MINOR of its MAJOR (fields are only
 * added within a major) and refuses another MAJOR with one line. A file without the field was
 * written before it existed and is read as MAJOR 1.
 *
 * @param kind  {@code job}, {@code matrix}, {@code stress-summary} or {@code bench-run}
 * @param major changes when a field is removed, renamed or changes meaning
 * @param minor changes when a field is added
 */
public record FormatVersion(String kind, int major, int minor) {
    public static final FormatVersion JOB = new FormatVersion("job", 1, 2);
    public static final FormatVersion MATRIX = new FormatVersion("matrix", 1, 1);
    public static final FormatVersion STRESS_SUMMARY = new FormatVersion("stress-summary", 1, 1);
    public static final FormatVersion BENCH_RUN = new FormatVersion("bench-run", 1, 1);

    /** The field's name in every file. */
    public static final String FIELD = "schema";

    private static final Pattern VALUE = Pattern.compile("pcistress\\.([a-z-]+)/(\\d{1,4})\\.(\\d{1,4})");

    @Override
    public String toString() {
        return "pcistress." + kind + "/" + major + "." + minor;
    }

    /** A copy of {@code doc} with this version as its first field. */
    public ObjectNode stamp(JsonNode doc) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put(FIELD, toString());
        doc.fields().forEachRemaining(e -> {
            if (!FIELD.equals(e.getKey())) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /**
     * Checks that {@code root}, read from {@code file}, is a version of this kind this reader
     * understands; throws with a one-line reason otherwise.
     */
    public void check(JsonNode root, Path file) throws IOException {
        JsonNode v = root == null ? null : root.get(FIELD);
        if (v == null || v.isNull()) {
            return;
        }
        Matcher m = VALUE.matcher(v.asText());
        if (!v.isTextual() || !m.matches()) {
            throw new IOException(file + ": \"" + FIELD + "\": " + v + " is not a pcistress format version"
                    + " (expected " + this + ")");
        }
        if (!m.group(1).equals(kind)) {
            throw new IOException(file + " is a pcistress." + m.group(1) + " file, not pcistress." + kind);
        }
        int theirs = Integer.parseInt(m.group(2));
        if (theirs != major) {
            throw new IOException(file + " has format " + v.asText() + "; this pcistress reads pcistress." + kind
                    + "/" + major + ".x" + (theirs > major ? ": use a newer pcistress" : ": regenerate the file"));
        }
    }
}
