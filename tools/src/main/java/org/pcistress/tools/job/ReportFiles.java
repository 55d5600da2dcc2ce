package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finding a subcommand's files in its output folder, and naming them relative to the report. */
final class ReportFiles {
    private ReportFiles() {
    }

    /** The first file named {@code name} under {@code dir}, a few levels deep (a subcommand may add a dated folder). */
    static Optional<Path> first(Path dir, String name) {
        return all(dir, p -> p.getFileName().toString().equals(name)).stream().findFirst();
    }

    /** Every file under {@code dir} (a few levels deep) that {@code test} accepts, sorted. */
    static List<Path> all(Path dir, java.util.function.Predicate<Path> test) {
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
    static String rel(Path stepDir, Path file) {
        return stepDir.getParent().relativize(file).toString().replace('\\', '/');
    }
}
