package org.pcistress.tools.stress;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a jcstress jar holds: every test (from {@code META-INF/TestList}, the list jcstress's
 * {@code -l} prints) and the outcomes each declares (read from its {@code @Outcome} annotations,
 * without initialising the class).
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
        List<String[]> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(TEST_LIST);
            if (e == null) {
                throw new IOException(jar + " has no " + TEST_LIST + ": not a jcstress test jar");
            }
            try (InputStream in = zip.getInputStream(e)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] fields = testNames(line);
                    if (fields != null && filter.matcher(fields[0]).find()) {
                        names.add(fields);
                    }
                }
            }
        }
        names.sort((a, b) -> a[0].compareTo(b[0]));
        List<DeclaredTest> out = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String[] n : names) {
                out.add(new DeclaredTest(n[0], outcomes(loader, n[1])));
            }
        }
        return out;
    }

    /** The names of every test in {@code jar}, sorted (the test list only: no class is loaded). */
    public static List<String> names(Path jar) throws IOException {
        List<String> out = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(TEST_LIST);
            if (e == null) {
                throw new IOException(jar + " has no " + TEST_LIST + ": not a jcstress test jar");
            }
            try (InputStream in = zip.getInputStream(e)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] fields = testNames(line);
                    if (fields != null) {
                        out.add(fields[0]);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * The test name and binary class name of one TestList line: {@code JCTEST} then length-prefixed
     * fields ({@code <length><type><value>}), the first two strings; {@code null} for other lines.
     */
    static String[] testNames(String line) {
        if (!line.startsWith("JCTEST")) {
            return null;
        }
        String[] out = new String[2];
        int at = "JCTEST".length();
        for (int i = 0; i < 2; i++) {
            int digits = at;
            while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
                digits++;
            }
            if (digits == at || digits >= line.length() || line.charAt(digits) != 'S') {
                return null;
            }
            int len = Integer.parseInt(line.substring(at, digits));
            int start = digits + 1;
            if (start + len > line.length()) {
                return null;
            }
            out[i] = line.substring(start, start + len);
            at = start + len;
        }
        return out;
    }

    private static List<DeclaredOutcome> outcomes(ClassLoader loader, String binaryName) throws IOException {
        try {
            Class<? extends Annotation> outcome = Class.forName("org.openjdk.jcstress.annotations.Outcome", false, loader)
                    .asSubclass(Annotation.class);
            Method id = outcome.getMethod("id");
            Method expect = outcome.getMethod("expect");
            Method desc = outcome.getMethod("desc");
            Class<?> test = Class.forName(binaryName, false, loader);
            List<DeclaredOutcome> out = new ArrayList<>();
            for (Annotation a : test.getAnnotationsByType(outcome)) {
                String e = ((Enum<?>) expect.invoke(a)).name();
                String d = (String) desc.invoke(a);
                String[] ids = (String[]) id.invoke(a);
                if (ids.length == 0) {
                    out.add(new DeclaredOutcome("", e, d));
                }
                for (String i : ids) {
                    out.add(new DeclaredOutcome(i, e, d));
                }
            }
            return out;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("cannot read the @Outcome annotations of " + binaryName + ": " + e, e);
        }
    }
}
