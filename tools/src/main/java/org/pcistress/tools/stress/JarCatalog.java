package org.pcistress.tools.stress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a jcstress jar holds: every test and the outcomes each declares, from the jar's
 * {@code META-INF/TestList} (the list jcstress's {@code -l} prints and its runner reads), read by
 * {@link ScenarioCatalog}, so outcomes shared through {@code @JCStressMeta} count too.
 *
 * <p>The declared outcomes matter because jcstress's tables do not reliably print outcomes that
 * never occurred: a silent canary is found by what the test declares, not by what was printed.
 */
public final class JarCatalog {
    private static final String TEST_LIST = "META-INF/TestList";

    private JarCatalog() {
    }

    /** Every test in {@code jar} whose name {@code filter} finds (jcstress's {@code -t} semantics), sorted. */
    public static List<DeclaredTest> read(Path jar, Pattern filter) throws IOException {
        String text;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(TEST_LIST);
            if (e == null) {
                throw new IOException(jar + " has no " + TEST_LIST + ": not a jcstress test jar");
            }
            try (InputStream in = zip.getInputStream(e)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        List<DeclaredTest> out = new ArrayList<>();
        for (DeclaredTest t : ScenarioCatalog.testList(text).values()) {
            if (filter.matcher(t.name()).find()) {
                out.add(t);
            }
        }
        out.sort(Comparator.comparing(DeclaredTest::name));
        return out;
    }

    /** The names of every test in {@code jar}, sorted. */
    public static List<String> names(Path jar) throws IOException {
        return read(jar, java.util.regex.Pattern.compile("")).stream().map(DeclaredTest::name).toList();
    }
}
