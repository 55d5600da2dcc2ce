package org.pcistress.stress.header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;

/**
 * Reads scenarios: the javadoc from the source file, the annotations from the compiled class
 * (so the check sees exactly what jcstress sees, {@code @Repeatable} outcomes included).
 */
final class ScenarioSources {
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");

    private ScenarioSources() {
    }

    /** Every {@code .java} file under {@code root} that declares a {@code @JCStressTest}, sorted. */
    static List<Path> scenarioFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> read(p).contains("@JCStressTest"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The scenario in {@code file}, whose package follows its path under {@code root}. */
    static Scenario load(Path root, Path file) throws ClassNotFoundException {
        String rel = root.relativize(file).toString().replace('\\', '/');
        String binary = rel.substring(0, rel.length() - ".java".length()).replace('/', '.');
        String source = read(file);
        Class<?> outer = Class.forName(binary);
        return of(outer, source);
    }

    /** The scenario of the compiled {@code outer} whose source text is {@code source}. */
    static Scenario of(Class<?> outer, String source) {
        List<Variant> variants = new ArrayList<>();
        for (Class<?> nested : outer.getDeclaredClasses()) {
            if (nested.isAnnotationPresent(JCStressTest.class)) {
                variants.add(variant(nested, source));
            }
        }
        variants.sort(Comparator.comparingInt(v -> declarationAt(source, v.name())));
        return new Scenario(outer.getSimpleName(), javadocBefore(source, outer.getSimpleName()), variants);
    }

    private static Variant variant(Class<?> c, String source) {
        List<OutcomeDecl> outcomes = new ArrayList<>();
        for (Outcome o : c.getAnnotationsByType(Outcome.class)) {
            String[] ids = o.id();
            if (ids.length == 0) {
                outcomes.add(new OutcomeDecl("", Expectation.of(o.expect().name()), o.desc()));
            }
            for (String id : ids) {
                outcomes.add(new OutcomeDecl(id, Expectation.of(o.expect().name()), o.desc()));
            }
        }
        return new Variant(c.getSimpleName(), c.getName().replace('$', '.'), javadocBefore(source, c.getSimpleName()),
                outcomes, count(c, Actor.class), count(c, Arbiter.class));
    }

    private static int count(Class<?> c, Class<? extends Annotation> a) {
        int n = 0;
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(a)) {
                n++;
            }
        }
        return n;
    }

    /** Where {@code class name} is declared in {@code source}, or {@link Integer#MAX_VALUE}. */
    static int declarationAt(String source, String name) {
        Matcher m = Pattern.compile("\\bclass\\s+" + Pattern.quote(name) + "\\b").matcher(source);
        return m.find() ? m.start() : Integer.MAX_VALUE;
    }

    /**
     * The javadoc that documents the declaration of class {@code name}, leading {@code *}s
     * stripped, or {@code ""} when the nearest comment before it belongs to something else.
     */
    static String javadocBefore(String source, String name) {
        int at = declarationAt(source, name);
        if (at == Integer.MAX_VALUE) {
            return "";
        }
        int end = source.lastIndexOf("*/", at);
        int start = end < 0 ? -1 : source.lastIndexOf("/**", end);
        if (start < 0) {
            return "";
        }
        String between = STRING.matcher(source.substring(end + 2, at)).replaceAll("\"\"");
        if (between.contains(";") || between.contains("{") || between.contains("}")) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : source.substring(start + 3, end).split("\n", -1)) {
            b.append(line.replaceFirst("^\\s*\\* ?", "").stripTrailing()).append('\n');
        }
        return b.toString().strip() + "\n";
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
