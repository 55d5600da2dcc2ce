package org.pcistress.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where the opt-in measurements write their lines: appended to the file a system property names. */
public final class MeasureLog {
    private MeasureLog() {
    }

    /** Appends {@code line} to the file named by system property {@code property}. */
    public static synchronized void append(String property, String line) {
        try {
            Files.writeString(Path.of(System.getProperty(property)), line + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
