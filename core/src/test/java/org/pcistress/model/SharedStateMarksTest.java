package org.pcistress.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completeness check behind DPOR's proofs (docs/EXPLORER.md, "Why DPOR is sound on the PCI
 * model"): every mutable field of the model's runtime classes (model.pci, aer, eeh, hotplug,
 * entry) is private, and every method that touches it declares the access to the explorer
 * ({@code Locks.reads}/{@code Locks.writes}, or a class's own helper around them: {@code r("…")},
 * {@code w("…")}, {@code reads()}). A field is mutable when it is not final, or final but of a
 * mutable type (atomics, collections, arrays, list nodes). Constructors are exempt (nothing is
 * shared before the object is). The few fields that need no declaration are listed below with the
 * reason; a new field that is neither marked nor listed fails this test.
 */
class SharedStateMarksTest {
    private static final Path MODEL = Path.of("src", "main", "java", "org", "pcistress", "model");
    private static final List<String> PACKAGES = List.of("pci", "aer", "eeh", "hotplug", "entry");

    /** Fields that need no declaration, and why. */
    static final Map<String, String> EXEMPT = Map.of(
            "PciDev.busNode", "its pointers are the bus's device list, which PciBus declares",
            "ListNode.next", "the bus's device list, which PciBus declares at every use",
            "ListNode.prev", "the bus's device list, which PciBus declares at every use",
            "DeferredAttach.regions", "task-local: each task reads and writes only its own entry (keyed by Task.current())",
            "EehDriver.eehd", "created once by whichever task asks first; every task gets the same mutex",
            "VfioPci.comp", "created once by whichever task asks first; every task gets the same completion",
            "ExtraDevices.byBus", "filled while the topology is built, read-only once the model boots",
            "DriverBuilder.*", "a builder, used before boot; the driver it builds is immutable");

    private static final Pattern FIELD = Pattern.compile(
            "^    ((?:(?:private|protected|public|static|final|volatile|transient) )*)(\\w[\\w.<>,?\\[\\] ]*?) (\\w+)( = .*)?;\\s*$");
    private static final Pattern MUTABLE_TYPE = Pattern.compile(
            "Atomic|List<|Map<|Set<|Deque|Queue|\\[\\]|ListNode|StringBuilder");
    private static final Pattern MARK = Pattern.compile("\\b(?:Locks\\.)?(?:reads|writes)\\(|\\b[rw]\\(\\s*\"");

    @Test
    void everyMutableModelFieldIsPrivateAndDeclaredWhereverItIsUsed() throws IOException {
        List<String> problems = new ArrayList<>();
        int fields = 0;
        for (String p : PACKAGES) {
            try (Stream<Path> files = Files.list(MODEL.resolve(p))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                    fields += check(f, problems);
                }
            }
        }
        assertTrue(fields > 20, "the sources were read: " + fields + " mutable fields");
        assertEquals(List.of(), problems, "unmarked shared model state (see docs/EXPLORER.md on DPOR's soundness)");
    }

    @Test
    void theCheckFindsAnUnmarkedField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("Thing.java");
        Files.writeString(f, String.join("\n",
                "final class Thing {",
                "    private final Kernel kernel;",
                "    private volatile boolean on;",
                "    int count;",
                "    private final java.util.List<String> names = new java.util.ArrayList<>();",
                "",
                "    Thing(Kernel kernel) {",
                "        this.kernel = kernel;",
                "        on = true;",
                "    }",
                "",
                "    boolean on() {",
                "        Locks.reads(kernel, this, \"on\");",
                "        return on;",
                "    }",
                "",
                "    void off() {",
                "        on = false; // \"on\" unmarked here",
                "    }",
                "",
                "    void add(String n) {",
                "        Locks.writes(kernel, this, \"names\");",
                "        names.add(n);",
                "    }",
                "}", ""));
        List<String> problems = new ArrayList<>();
        assertEquals(3, check(f, problems));
        assertEquals(List.of("Thing.count is not private",
                "Thing.on is used without a Locks.reads/writes in: void off()"), problems);
    }

    /** Checks one source file; returns how many mutable fields it has. */
    static int check(Path file, List<String> problems) {
        String cls = file.getFileName().toString().replace(".java", "");
        List<String> lines = lines(file);
        Map<String, Boolean> fields = new TreeMap<>(); // name -> private
        for (String l : lines) {
            Matcher m = FIELD.matcher(l);
            if (!m.matches() || m.group(2).matches("return|throw|break|continue") || l.contains("(") && !l.contains("=")
                    || m.group(2).contains(",") && !m.group(2).contains("<")) { // a statement, an enum's constants
                continue;
            }
            String mods = m.group(1);
            boolean fin = mods.contains("final ");
            if (mods.contains("static ") && fin) {
                continue;
            }
            if (fin && !MUTABLE_TYPE.matcher(m.group(2)).find()) {
                continue;
            }
            fields.put(m.group(3), mods.contains("private "));
        }
        List<List<String>> members = members(lines);
        for (var e : fields.entrySet()) {
            String name = e.getKey();
            String key = cls + "." + name;
            if (EXEMPT.containsKey(key) || EXEMPT.containsKey(cls + ".*")) {
                continue;
            }
            if (!e.getValue()) {
                problems.add(key + " is not private");
            }
            Pattern use = Pattern.compile("(?<![\\w\"])" + Pattern.quote(name) + "\\b(?!\\s*\\()");
            for (List<String> member : members) {
                String header = member.get(0).trim();
                String body = code(String.join("\n", member.subList(1, member.size())));
                if (header.matches("(public |private |protected )?" + cls + "\\(.*")) {
                    continue; // a constructor: nothing is shared before the object is
                }
                if (use.matcher(body).find() && !MARK.matcher(body).find()) {
                    problems.add(key + " is used without a Locks.reads/writes in: " + header.replace("{", "").trim());
                }
            }
        }
        return fields.size();
    }

    /**
     * The class's members that have a body (methods, constructors, initializers): the signature
     * (joined, from the end of the previous member or field to the opening brace), then the body lines.
     */
    private static List<List<String>> members(List<String> lines) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = null;
        int depth = 0;
        int sigStart = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = code(lines.get(i));
            int before = depth;
            for (char c : l.toCharArray()) {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            if (before == 1 && depth > 1 && cur == null) {
                cur = new ArrayList<>();
                StringBuilder sig = new StringBuilder();
                for (int k = sigStart; k <= i; k++) {
                    String c = code(lines.get(k)).trim();
                    if (!c.isEmpty() && !c.startsWith("@") && !c.startsWith("/*")) {
                        sig.append(sig.length() == 0 ? "" : " ").append(c);
                    }
                }
                cur.add(sig.toString());
                continue;
            }
            if (cur != null) {
                cur.add(lines.get(i));
                if (depth <= 1) {
                    out.add(cur);
                    cur = null;
                    sigStart = i + 1;
                }
            } else if (depth == 1 && (l.trim().endsWith(";") || l.trim().endsWith("}") || l.trim().endsWith("{"))) {
                sigStart = i + 1;
            }
        }
        return out;
    }

    /** The line without comments and string literals. */
    private static String code(String s) {
        return s.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("//.*", "").replaceAll("/\\*.*?\\*/", "")
                .replaceAll("(?m)^\\s*\\*.*$", "");
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
