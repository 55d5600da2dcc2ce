package org.pcistress.tools.stress;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcistress.tools.cli.ReportFiles;
import org.pcistress.tools.report.FormatVersion;
import org.pcistress.tools.stress.Verdict;

/** Reading the summary.json that {@code pcistress stress} writes back into its {@link RunSummary}. */
public final class StressFiles {
    public static final String SUMMARY = "summary.json";
    private static final ObjectMapper READER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StressFiles() {
    }

    /** Reads {@code path}, a summary.json or a folder holding one (in a dated run folder); one-line reasons. */
    public static RunSummary read(Path path) throws IOException {
        Path file = Files.isDirectory(path)
                ? ReportFiles.first(path, SUMMARY).orElseThrow(() -> new IOException(path + " holds no " + SUMMARY))
                : path;
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = READER.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a jcstress summary: " + ReportFiles.reason(e), e);
        }
        FormatVersion.STRESS_SUMMARY.check(root, file);
        RunSummary s;
        try {
            s = READER.treeToValue(root, RunSummary.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new IOException(file + " is not a jcstress summary: " + (e instanceof IOException io
                    ? ReportFiles.reason(io) : e.getMessage()), e);
        }
        if (s.tests() == null || s.tests().stream().anyMatch(t -> t.name() == null || t.verdict() == null)) {
            throw new IOException(file + " is not a jcstress summary: a test without a name or a verdict");
        }
        return s;
    }

    /** Test variant to verdict, in file order. */
    public static Map<String, Verdict> verdicts(RunSummary s) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        for (TestSummary t : s.tests()) {
            m.put(t.name(), t.verdict());
        }
        return m;
    }
}
