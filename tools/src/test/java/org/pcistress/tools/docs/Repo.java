package org.pcistress.tools.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the test's working directory (the module, under Maven). */
final class Repo {
    private Repo() {
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("pcistress"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("no pcistress wrapper above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
