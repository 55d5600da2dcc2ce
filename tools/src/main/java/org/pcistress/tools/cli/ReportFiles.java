package org.pcistress.tools.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding a command's files in its output folder, and naming them relative to the report. */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** The first file named {@code name} under {@code dir}, a few levels deep (a subcommand may add a dated folder). */
    public static Optional<Path> first(Path dir, String name) {
        return all(dir, p -> p.getFileName().toString().equals(name)).stream().findFirst();
    }

    /** Every file under {@code dir} (a few levels deep) that {@code test} accepts, sorted. */
    public static List<Path> all(Path dir, java.util.function.Predicate<Path> test) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            return walk.filter(Files::isRegularFile).filter(test).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@code file} relative to the report folder that holds the step folder {@code stepDir}. */
    public static String rel(Path stepDir, Path file) {
        return stepDir.getParent().relativize(file).toString().replace('\\', '/');
    }

    /** A one-line reason for a file that does not parse: Jackson's message without its source excerpt. */
    public static String reason(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            var at = j.getLocation();
            return j.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ")");
        }
        return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    }
}
