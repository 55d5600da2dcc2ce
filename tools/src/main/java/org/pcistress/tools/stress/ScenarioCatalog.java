package org.pcistress.tools.stress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one reader of the jcstress scenarios, for {@code scenario-index}, the header rules and
 * {@code stress}: headers and variants from the source files, outcomes and actors from jcstress's
 * own list of the tests it holds (META-INF/TestList, written by its annotation processor), so the
 * catalog sees exactly what jcstress sees, outcomes shared through {@code @JCStressMeta} included.
 */
public final class ScenarioCatalog {
    /** Where the scenarios live, relative to the repository root. */
    public static final Path SOURCES = Path.of("tests-jcstress/src/main/java/org/pcistress/stress");
    /** jcstress's list of the tests it compiled, relative to the repository root. */
    public static final Path TEST_LIST = Path.of("tests-jcstress/target/classes/META-INF/TestList");
    static final Pattern FILE_NAME = Pattern.compile("[A-Z][A-Za-z]*_\\d{2}_[A-Z][A-Za-z0-9]*");
    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"");
    private static final Pattern VARIANT = Pattern.compile("(?m)^[ \\t]*@JCStressTest\\b.*?\\bclass\\s+(\\w+)", Pattern.DOTALL);
    private static final String PACKAGE = "org.pcistress.stress";
    /** jcstress's {@code Expect} constants in declaration order: TestList stores their ordinal. */
    private static final String[] EXPECT = {DeclaredOutcome.ACCEPTABLE, DeclaredOutcome.INTERESTING,
        DeclaredOutcome.FORBIDDEN, "UNKNOWN"};

    private ScenarioCatalog() {
    }

    /**
     * Every scenario file under {@code sources} (the {@code org.pcistress.stress} package folder), with the
     * outcomes of {@code listed} (by test name; empty when the tests are not built), sorted by area and name.
     */
    public static List<Scenario> read(Path sources, Map<String, DeclaredTest> listed) throws IOException {
        List<Scenario> all = new ArrayList<>();
        if (!Files.isDirectory(sources)) {
            return all;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(ScenarioCatalog::isScenarioFile).sorted().toList();
        }
        for (Path p : files) {
            String source = Files.readString(p, StandardCharsets.UTF_8);
            if (source.contains("@JCStressTest")) {
                String name = p.getFileName().toString().replace(".java", "");
                String area = sources.relativize(p.getParent()).toString().replace('\\', '.').replace('/', '.');
                all.add(parse(name, area, source, listed));
            }
        }
        return all;
    }

    private static boolean isScenarioFile(Path p) {
        String f = p.getFileName().toString();
        return f.endsWith(".java") && FILE_NAME.matcher(f.substring(0, f.length() - 5)).matches();
    }

    /** The scenario {@code name} of package area {@code area} whose source is {@code source}. */
    public static Scenario parse(String name, String area, String source, Map<String, DeclaredTest> listed) {
        List<String> names = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        Matcher v = VARIANT.matcher(source);
        while (v.find()) {
            names.add(v.group(1));
            at.add(declarationAt(source, v.group(1)));
        }
        String prefix = PACKAGE + (area.isEmpty() ? "" : "." + area) + "." + name + ".";
        List<Scenario.Variant> variants = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String body = source.substring(at.get(i), i + 1 < at.size() ? at.get(i + 1) : source.length());
            String testName = prefix + names.get(i);
            DeclaredTest t = listed.get(testName);
            variants.add(new Scenario.Variant(names.get(i), testName, javadocBefore(source, names.get(i)),
                    t == null ? List.of() : t.outcomes(), t == null ? count(body, "@Actor") : t.actors().size(),
                    count(body, "@Arbiter")));
        }
        return new Scenario(name, area, javadocBefore(source, name), variants);
    }

    /** The tests of a TestList file's text, by name, in file order. */
    public static Map<String, DeclaredTest> testList(String text) {
        Map<String, DeclaredTest> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            DeclaredTest t = listedTest(line.strip());
            if (t != null) {
                out.put(t.name(), t);
            }
        }
        return out;
    }

    /** {@link #testList} of {@code root}/{@link #TEST_LIST}; empty when the tests are not built. */
    public static Map<String, DeclaredTest> testList(Path root) throws IOException {
        Path f = root.resolve(TEST_LIST);
        return Files.isRegularFile(f) ? testList(Files.readString(f, StandardCharsets.UTF_8)) : Map.of();
    }

    /**
     * One TestList line: {@code JCTEST}, then length-prefixed fields ({@code <length><type><value>}): the
     * test name, its class, the generated runner, the description, the actor count and names, the fork
     * flag, the outcome count and per outcome its expect ordinal, desc, id count and ids. {@code null} if
     * the line is not one.
     */
    static DeclaredTest listedTest(String line) {
        if (!line.startsWith("JCTEST")) {
            return null;
        }
        List<String> f = new ArrayList<>();
        int at = "JCTEST".length();
        while (at < line.length()) {
            int digits = at;
            while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
                digits++;
            }
            if (digits == at || digits >= line.length()) {
                return null;
            }
            int start = digits + 1;
            int len = Integer.parseInt(line.substring(at, digits));
            if (start + len > line.length()) {
                return null;
            }
            f.add(line.substring(start, start + len));
            at = start + len;
        }
        try {
            int k = 4;
            int actors = Integer.parseInt(f.get(k++));
            List<String> actorNames = f.subList(k, k + actors);
            k += actors + 1;
            int cases = Integer.parseInt(f.get(k++));
            List<DeclaredOutcome> outcomes = new ArrayList<>();
            for (int c = 0; c < cases; c++) {
                String expect = EXPECT[Integer.parseInt(f.get(k))];
                String desc = f.get(k + 1);
                int ids = Integer.parseInt(f.get(k + 2));
                if (ids == 0) {
                    outcomes.add(new DeclaredOutcome("", expect, desc));
                }
                for (int i = 0; i < ids; i++) {
                    outcomes.add(new DeclaredOutcome(f.get(k + 3 + i), expect, desc));
                }
                k += 3 + ids;
            }
            return new DeclaredTest(f.get(0), outcomes, List.copyOf(actorNames));
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }

    private static int count(String text, String annotation) {
        Matcher m = Pattern.compile(Pattern.quote(annotation) + "\\b").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
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

    /** The variants' test names, sorted: what the sources declare, to hold against what jcstress lists. */
    public static List<String> testNames(List<Scenario> scenarios) {
        return scenarios.stream().flatMap(s -> s.variants().stream()).map(Scenario.Variant::testName)
                .sorted(Comparator.naturalOrder()).toList();
    }
}
