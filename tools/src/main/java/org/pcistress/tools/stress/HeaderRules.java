package org.pcistress.tools.stress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The scenario header grammar (docs/STRESS.md, "The header grammar") and the check that a header
 * agrees with the {@code @Outcome}s it describes, as the kernel's {@code judgelitmus.sh} compares a
 * litmus test's {@code Result:} line with what herd7 observed.
 *
 * <p>Every problem is one line naming the file and variant; an empty list means the scenario is
 * well formed. {@code pcistress scenario-index --check} runs them on every scenario.
 */
public final class HeaderRules {
    static final Pattern WORD = Pattern.compile("[A-Z][A-Z0-9_]*");
    static final Pattern RESULT_VALUE = Pattern.compile("\\s*(Never|Sometimes\\s+([A-Z][A-Z0-9_]*(?:,\\s*[A-Z][A-Z0-9_]*)*))\\s*");
    static final Pattern RUN = Pattern.compile(
            "(?m)^(?:<p>)?Run: \\{@code java -jar tests-jcstress/target/jcstress\\.jar -t (\\S+)(?: [^}]*)?}\\s*$");
    static final Pattern NOT_OBSERVED = Pattern.compile("(?m)^(?:<p>)?Not observed: ([A-Z][A-Z0-9_]*)\\b.*$");
    static final Pattern TABLE_TITLE = Pattern.compile("\\[(?:OK|FAILED)]\\s+\\S*?\\b(\\w+)\\.(\\w+)\\s*$");
    static final Pattern TABLE_ROW = Pattern.compile(
            "^\\s*([A-Z][A-Z0-9_]*)\\s+([\\d,]+)\\s+[\\d.]+%\\s+(Acceptable|Interesting|Forbidden)\\b.*$");
    static final String LOCK_CHAIN = "Lock chain:";

    private HeaderRules() {
    }

    /**
     * Checks one scenario.
     *
     * @param s the scenario
     * @param allTests every jcstress test name in the suite, for the run line's selector
     */
    public static List<String> check(Scenario s, Collection<String> allTests) {
        List<String> problems = new ArrayList<>();
        String where = s.name();
        if (!ScenarioCatalog.FILE_NAME.matcher(s.name()).matches()) {
            problems.add(where + ": the name is not <Area>_<NN>_<Race>");
        }
        if (s.variants().isEmpty()) {
            problems.add(where + ": no nested @JCStressTest variant");
        }
        checkFileHeader(s, allTests, problems);

        Map<Scenario.Variant, Set<String>> sometimes = new LinkedHashMap<>();
        Set<String> bugIds = new LinkedHashSet<>();
        for (Scenario.Variant v : s.variants()) {
            Set<String> ids = resultIds(v, where, problems);
            sometimes.put(v, ids);
            if (ids != null) {
                bugIds.addAll(ids);
            }
        }
        for (Scenario.Variant v : s.variants()) {
            checkVariant(s, v, sometimes.get(v), bugIds, problems);
        }
        return problems;
    }

    private static void checkFileHeader(Scenario s, Collection<String> allTests, List<String> problems) {
        String where = s.name();
        String h = s.header();
        if (h.isBlank()) {
            problems.add(where + ": no header javadoc on the outer class");
            return;
        }
        if (!Pattern.compile("(?m)^\\s*Actor 1\\b").matcher(h).find()
                || !Pattern.compile("(?m)^\\s*Actor 2\\b").matcher(h).find()) {
            problems.add(where + ": the header lacks a call chain per actor ('Actor 1 …', 'Actor 2 …')");
        }
        if (!h.contains(LOCK_CHAIN)) {
            problems.add(where + ": the header lacks the '" + LOCK_CHAIN + "' line");
        }
        Matcher run = RUN.matcher(h);
        if (!run.find()) {
            problems.add(where + ": the header lacks 'Run: {@code java -jar tests-jcstress/target/jcstress.jar -t …}'");
            return;
        }
        Pattern selector;
        try {
            selector = Pattern.compile(run.group(1));
        } catch (PatternSyntaxException e) {
            problems.add(where + ": the run line's -t is not a regex: " + run.group(1));
            return;
        }
        for (Scenario.Variant v : s.variants()) {
            if (!selector.matcher(v.testName()).find()) {
                problems.add(where + ": the run line's -t " + run.group(1) + " does not select " + v.name());
            }
        }
        for (String t : allTests) {
            if (selector.matcher(t).find() && !t.contains("." + s.name() + ".")) {
                problems.add(where + ": the run line's -t " + run.group(1) + " also selects " + t);
            }
        }
    }

    /** The ids of the variant's {@code Result:} line: empty for {@code Never}, {@code null} if malformed. */
    private static Set<String> resultIds(Scenario.Variant v, String file, List<String> problems) {
        String where = file + "." + v.name();
        Matcher m = Scenario.RESULT.matcher(v.javadoc());
        if (!m.find()) {
            problems.add(where + ": no 'Result:' line in its javadoc");
            return null;
        }
        String value = m.group(1);
        if (m.find()) {
            problems.add(where + ": more than one 'Result:' line");
            return null;
        }
        Matcher vm = RESULT_VALUE.matcher(value);
        if (!vm.matches()) {
            problems.add(where + ": 'Result:" + value + "' is neither 'Never' nor 'Sometimes ID[, ID…]'");
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        if (vm.group(2) != null) {
            for (String id : vm.group(2).split(",")) {
                ids.add(id.trim());
            }
        }
        return ids;
    }

    private static void checkVariant(Scenario s, Scenario.Variant v, Set<String> claimed, Set<String> bugIds,
            List<String> problems) {
        String where = s.name() + "." + v.name();
        if (v.actors() != 2) {
            problems.add(where + ": " + v.actors() + " actors; keep to 2 (jcstress drops tests with more actors than CPUs)");
        }
        if (v.arbiters() != 1) {
            problems.add(where + ": " + v.arbiters() + " @Arbiter methods; the outcome word is decided in exactly one");
        }
        Map<String, String> declared = new LinkedHashMap<>();
        for (DeclaredOutcome o : v.outcomes()) {
            if (o.desc() == null || o.desc().isBlank()) {
                problems.add(where + ": outcome '" + o.id() + "' has no desc");
            }
            if (o.id().isEmpty()) {
                if (!o.expect().equals(DeclaredOutcome.FORBIDDEN)) {
                    problems.add(where + ": a catch-all outcome must be FORBIDDEN, not " + o.expect());
                }
                continue;
            }
            if (!WORD.matcher(o.id()).matches()) {
                problems.add(where + ": outcome id '" + o.id() + "' is not a word (A-Z, 0-9, _)");
            }
            if (declared.put(o.id(), o.expect()) != null) {
                problems.add(where + ": outcome '" + o.id() + "' declared twice");
            }
        }
        if (!DeclaredOutcome.ACCEPTABLE.equals(declared.get("OK"))) {
            problems.add(where + ": 'OK' must be declared ACCEPTABLE");
        }
        if (claimed == null) {
            return;
        }
        Set<String> interesting = new LinkedHashSet<>();
        declared.forEach((id, e) -> {
            if (e.equals(DeclaredOutcome.INTERESTING)) {
                interesting.add(id);
            }
        });
        if (!interesting.equals(claimed)) {
            problems.add(where + ": 'Result: " + resultText(claimed) + "' but its ACCEPTABLE_INTERESTING outcomes are "
                    + (interesting.isEmpty() ? "none" : interesting));
        }
        if (claimed.isEmpty()) {
            for (String bug : bugIds) {
                if (!DeclaredOutcome.FORBIDDEN.equals(declared.get(bug))) {
                    problems.add(where + ": 'Result: Never' but the bug '" + bug + "' of a sibling variant is not "
                            + "declared FORBIDDEN here");
                }
            }
        }
        checkTable(s, v, declared, claimed, problems);
    }

    /** The pasted result table must be current: each row's EXPECT as declared, each claimed bug seen. */
    private static void checkTable(Scenario s, Scenario.Variant v, Map<String, String> declared, Set<String> claimed,
            List<String> problems) {
        String where = s.name() + "." + v.name();
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean found = false;
        boolean in = false;
        for (String line : s.header().split("\n")) {
            Matcher t = TABLE_TITLE.matcher(line);
            if (t.find()) {
                in = t.group(1).equals(s.name()) && t.group(2).equals(v.name());
                found |= in;
                continue;
            }
            if (line.contains("</pre>")) {
                in = false;
            }
            Matcher r = TABLE_ROW.matcher(line);
            if (in && r.matches()) {
                String id = r.group(1);
                String e = declared.get(id);
                if (e == null) {
                    problems.add(where + ": the pasted table has a row '" + id + "' the variant does not declare");
                } else if (!DeclaredOutcome.printed(e).equals(r.group(3))) {
                    problems.add(where + ": the pasted table says '" + id + "' is " + r.group(3) + ", the variant says "
                            + DeclaredOutcome.printed(e) + ": paste a fresh table");
                }
                long n = Long.parseLong(r.group(2).replace(",", ""));
                if (DeclaredOutcome.FORBIDDEN.equals(e) && n > 0) {
                    problems.add(where + ": the pasted table shows the FORBIDDEN '" + id + "' " + n + " times");
                }
                rows.merge(id, n, Long::sum);
            }
        }
        if (!found) {
            problems.add(where + ": no pasted result table ('[OK] …" + s.name() + "." + v.name() + "' and its rows)");
            return;
        }
        Set<String> notObserved = new LinkedHashSet<>();
        Matcher no = NOT_OBSERVED.matcher(v.javadoc());
        while (no.find()) {
            notObserved.add(no.group(1));
        }
        for (String bug : claimed) {
            long n = rows.getOrDefault(bug, 0L);
            if (n == 0 && !notObserved.contains(bug)) {
                problems.add(where + ": claims '" + bug + "' but the pasted table never shows it; paste a run that "
                        + "does, or say 'Not observed: " + bug + "'");
            }
        }
    }

    /**
     * Every scenario's problems, and those of the catalog as a whole: the variants the sources declare
     * must be the tests jcstress lists ({@code listed}), one for one.
     */
    public static List<String> checkAll(List<Scenario> scenarios, Map<String, DeclaredTest> listed) {
        List<String> problems = new ArrayList<>();
        List<String> declared = ScenarioCatalog.testNames(scenarios);
        List<String> built = listed.keySet().stream().sorted().toList();
        if (!declared.equals(built)) {
            problems.add("the scenario sources declare " + declared.size() + " variants, the built TestList holds "
                    + built.size() + ": only in the sources " + minus(declared, built) + ", only in the TestList "
                    + minus(built, declared) + " (rebuild tests-jcstress)");
        }
        for (Scenario s : scenarios) {
            problems.addAll(check(s, listed.keySet()));
        }
        return problems;
    }

    private static List<String> minus(List<String> a, List<String> b) {
        return a.stream().filter(x -> !b.contains(x)).toList();
    }

    static String resultText(Set<String> ids) {
        return ids.isEmpty() ? "Never" : "Sometimes " + String.join(", ", ids);
    }
}
