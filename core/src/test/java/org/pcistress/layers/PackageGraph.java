package org.pcistress.layers;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The package dependency graph of a module, read two ways: from the bytecode by {@code jdeps
 * -verbose:package} (it sees calls through return types that no import names) and from the
 * sources' import lines (they see inlined constants and annotation class literals that the
 * bytecode drops); and its strongly connected components (Tarjan), where every component of more
 * than one package is a cycle.
 */
final class PackageGraph {
    private static final Pattern JDEPS_EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([a-z][\\w]*(?:\\.[a-z][\\w]*)*)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    private final Map<String, Set<String>> edges = new TreeMap<>();

    void add(String from, String to) {
        edges.computeIfAbsent(from, k -> new TreeSet<>());
        edges.computeIfAbsent(to, k -> new TreeSet<>());
        if (!from.equals(to)) {
            edges.get(from).add(to);
        }
    }

    Map<String, Set<String>> edges() {
        return edges;
    }

    /** The edges between packages starting with {@code prefix}, as jdeps sees {@code classes}. */
    void addJdeps(Path classes, String prefix) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                classes.toString());
        if (rc != 0) {
            throw new IllegalStateException("jdeps failed (" + rc + "): " + err);
        }
        for (String line : out.toString().split("\n")) {
            Matcher m = JDEPS_EDGE.matcher(line);
            if (m.matches() && m.group(1).startsWith(prefix) && m.group(2).startsWith(prefix)) {
                add(m.group(1), m.group(2));
            }
        }
    }

    /** The edges between packages starting with {@code prefix}, from the import lines under {@code sources}. */
    void addImports(Path sources, String prefix) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    if (m.group(1).startsWith(prefix)) {
                        add(pkg.group(1), m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every strongly connected component of more than one package, each sorted, in a stable order. */
    List<List<String>> cycles() {
        Tarjan t = new Tarjan();
        for (String v : edges.keySet()) {
            if (!t.index.containsKey(v)) {
                t.visit(v);
            }
        }
        return t.components;
    }

    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new TreeSet<>();
        final List<List<String>> components = new ArrayList<>();

        void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : edges.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    components.add(List.copyOf(component));
                }
            }
        }
    }
}
