package org.pcistress.tools.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FormatVersionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FILE = Path.of("r/matrix.json");

    private static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    @Test
    void theVersionIsTheFirstField() throws IOException {
        JsonNode stamped = FormatVersion.MATRIX.stamp(json("{\"tool\":\"x\",\"schema\":\"old\"}"));
        assertEquals("schema", stamped.fieldNames().next());
        assertEquals("pcistress.matrix/1.1", stamped.get("schema").asText());
        assertEquals("x", stamped.get("tool").asText());
    }

    @Test
    void aReaderTakesItsMajorAnyMinorAndFilesWrittenBeforeTheField() {
        assertDoesNotThrow(() -> FormatVersion.MATRIX.check(json("{\"schema\":\"pcistress.matrix/1.0\"}"), FILE));
        assertDoesNotThrow(() -> FormatVersion.MATRIX.check(json("{\"schema\":\"pcistress.matrix/1.7\"}"), FILE));
        assertDoesNotThrow(() -> FormatVersion.MATRIX.check(json("{\"tool\":\"pcistress matrix\"}"), FILE));
    }

    @Test
    void anotherMajorOrKindIsRefusedInOneLine() {
        IOException newer = assertThrows(IOException.class,
                () -> FormatVersion.MATRIX.check(json("{\"schema\":\"pcistress.matrix/2.0\"}"), FILE));
        assertEquals("r/matrix.json has format pcistress.matrix/2.0; this pcistress reads pcistress.matrix/1.x:"
                + " use a newer pcistress", newer.getMessage());
        IOException kind = assertThrows(IOException.class,
                () -> FormatVersion.MATRIX.check(json("{\"schema\":\"pcistress.job/1.0\"}"), FILE));
        assertEquals("r/matrix.json is a pcistress.job file, not pcistress.matrix", kind.getMessage());
        IOException junk = assertThrows(IOException.class,
                () -> FormatVersion.MATRIX.check(json("{\"schema\":3}"), FILE));
        assertFalse(junk.getMessage().contains("\n"), junk.getMessage());
    }
}
