package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pcistress.model.pci.Integrity;

/**
 * The seeds turn on this: the kernel's mutex API has no "do I own it" query, so no kernel path of
 * the model may branch on ownership. Held-lock stacks are lockdep's view; only the integrity
 * instrumentation (Integrity: "was .remove called under device_lock?") may read them, and
 * assertions go through {@code Locks.lockdepIsHeld}, as {@code lockdep_assert_held} does.
 */
class NoOwnershipQueryTest {
    private static final Pattern OWNERSHIP = Pattern.compile("\\.heldLocks\\(|\\.heldAt\\(|\\.holds(Read)?\\(");
    private static final Path MODEL = Path.of("src/main/java/org/pcistress/model");

    @Test
    void onlyTheIntegrityInstrumentationReadsHeldLockStacks() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MODEL)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("Integrity.java"))
                    .filter(NoOwnershipQueryTest::queriesOwnership)
                    .map(Path::toString)
                    .toList();
        }
        assertEquals(List.of(), offenders, "kernel paths must not query lock ownership");
    }

    @Test
    void theScanSeesTheModelSources() throws IOException {
        try (Stream<Path> files = Files.walk(MODEL)) {
            assertEquals(true, files.anyMatch(p -> p.endsWith("Integrity.java") && queriesOwnership(p)),
                    "the scan must find the one allowed use, or it proves nothing");
        }
    }

    private static boolean queriesOwnership(Path p) {
        try {
            return OWNERSHIP.matcher(Files.readString(p)).find();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
