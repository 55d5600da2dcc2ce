package org.pcistress.tools.arch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;

/**
 * The package graph of a source tree, read from the source text: import lines (static ones too) and
 * fully qualified names in the code. It sees what bytecode tools miss: an annotation's class
 * literals ({@code subcommands = {...}}) and inlined {@code static final} constants.
 */
final class PackageGraph {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    /** {@code org.pcistress.tools.cli.ExitCodes}: lower-case segments, then a type name. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:[a-z]\\w*\\.)+)[A-Z]\\w*");

    private PackageGraph() {
    }

    /** Package to the packages it uses, both within {@code prefix}, for every .java file under {@code src}. */
    static Map<String, Set<String>> read(Path src, String prefix) throws IOException {
        Map<String, Set<String>> edges = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            Matcher p = PACKAGE.matcher(text);
            if (!p.find()) {
                continue;
            }
            String from = p.group(1);
            Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher q = QUALIFIED.matcher(text.substring(p.end()));
            while (q.find()) {
                String pkg = q.group(1).substring(0, q.group(1).length() - 1);
                if ((pkg.equals(prefix) || pkg.startsWith(prefix + ".")) && !pkg.equals(from)) {
                    to.add(pkg);
                }
            }
        }
        return edges;
    }

    /** The strongly connected components with more than one package (Tarjan): each one a cycle. */
    static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> out = new ArrayList<>();
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, onStack, out);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> out) {
        index.put(v, index.size());
        low.put(v, index.get(v));
        stack.push(v);
        onStack.add(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, onStack, out);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> scc = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                scc.add(w);
            } while (!w.equals(v));
            if (scc.size() > 1) {
                out.add(scc);
            }
        }
    }
}
