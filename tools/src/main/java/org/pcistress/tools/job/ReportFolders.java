package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dated report folders of one parent: {@code 2026-11-21T1542Z}, then {@code 2026-11-21T1542Z-2}
 * for a second run in the same minute. A folder is created atomically, so two runs never share one.
 */
public final class ReportFolders {
    /** The file that marks a folder as a report of the main job. */
    public static final String RECORD = "job.json";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}T\\d{4}Z)(?:-(\\d+))?");

    private ReportFolders() {
    }

    /** Creates a new report folder for a run started at {@code now}; never reuses an existing one. */
    public static Path create(Path parent, Instant now) throws IOException {
        Files.createDirectories(parent);
        String stamp = STAMP.format(now);
        for (int n = 1; ; n++) {
            Path dir = parent.resolve(n == 1 ? stamp : stamp + "-" + n);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException taken) {
                // a run in the same minute: try the next suffix
            }
        }
    }

    /** The dated folders of {@code parent}, newest first (a later {@code -N} first within a minute). */
    public static java.util.List<Path> newestFirst(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return java.util.List.of();
        }
        try (Stream<Path> all = Files.list(parent)) {
            return all.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isDirectory)
                    .sorted(Comparator.comparing(ReportFolders::stamp).thenComparingInt(ReportFolders::suffix)
                            .reversed())
                    .toList();
        }
    }

    private static String stamp(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : "";
    }

    private static int suffix(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 1;
    }
}
