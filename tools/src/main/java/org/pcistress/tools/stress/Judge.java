package org.pcistress.tools.stress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pcistress.tools.cli.ExitCodes;

/**
 * Turns what the jar declares and what jcstress printed into a verdict per test and an exit code
 * (docs/STRESS.md, "Verdicts and exit codes"). Pure: no I/O, so every rule has a unit test.
 */
public final class Judge {
    private static final List<String> LABEL_SEVERITY = List.of("TIMEOUT", "VM ERROR", "ERROR", "SKIPPED", "FAILED", "OK");
    private static final int MAX_MESSAGES = 8;

    private Judge() {
    }

    public static Judgement judge(List<DeclaredTest> expected, ConsoleParser parsed, ProcessEnd end) {
        return judge(expected, parsed, end, 0);
    }

    /**
     * As {@link #judge(List, ConsoleParser, ProcessEnd)}; a variant without a canary (its bug must
     * stay absent) with fewer than {@code minSamples} samples is INCONCLUSIVE, not PASSED.
     */
    public static Judgement judge(List<DeclaredTest> expected, ConsoleParser parsed, ProcessEnd end, long minSamples) {
        Map<String, List<RunBlock>> byTest = new LinkedHashMap<>();
        for (RunBlock b : parsed.configurations()) {
            byTest.computeIfAbsent(b.test(), k -> new ArrayList<>()).add(b);
        }
        Map<String, RunBlock> merged = parsed.merged();

        List<TestSummary> tests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int ran = 0;
        Set<String> known = new TreeSet<>();
        for (DeclaredTest t : expected) {
            known.add(t.name());
            TestSummary s = summarise(t, byTest.getOrDefault(t.name(), List.of()), merged.get(t.name()), minSamples);
            tests.add(s);
            if (s.verdict() != Verdict.NOT_RUN) {
                ran++;
            }
            if (s.verdict() != Verdict.PASSED) {
                problems.add(s.verdict() + " " + s.shortName() + ": " + s.reason());
            }
        }
        Set<String> unexpected = new TreeSet<>(byTest.keySet());
        unexpected.addAll(merged.keySet());
        unexpected.removeAll(known);
        for (String name : unexpected) {
            problems.add("jcstress ran " + name + ", which the jar's test list does not have");
        }

        String incomplete = incompleteBecause(parsed, end);
        if (incomplete != null) {
            problems.add("INCOMPLETE: " + incomplete);
        }
        if (ran < expected.size()) {
            problems.add("only " + ran + " of " + expected.size() + " tests ran");
        }
        boolean regression = tests.stream().anyMatch(s -> s.verdict() == Verdict.FAILED);
        boolean harness = incomplete != null || !unexpected.isEmpty() || expected.isEmpty()
                || tests.stream().anyMatch(s -> s.verdict().harness());
        boolean silent = tests.stream().anyMatch(s -> s.verdict() == Verdict.CANARY_SILENT);
        if (expected.isEmpty()) {
            problems.add("no tests selected");
        }
        if (silent && !harness) {
            problems.add("a canary stayed silent: the harness has lost its teeth (a known bug no longer shows)");
        }
        int exit = regression ? ExitCodes.REGRESSION
                : harness ? ExitCodes.HARNESS
                : silent ? ExitCodes.REGRESSION
                : ExitCodes.OK;
        return new Judgement(incomplete == null, incomplete, expected.size(), ran, parsed.planned(), exit, problems, tests);
    }

    /** Why the run is not whole, or {@code null} when jcstress finished and exited as it should. */
    static String incompleteBecause(ConsoleParser parsed, ProcessEnd end) {
        if (end.isRunning()) {
            return "still running";
        }
        if (end.startError() != null) {
            return "jcstress did not start: " + end.startError();
        }
        if (end.killedBecause() != null) {
            return "killed: " + end.killedBecause();
        }
        if (!parsed.fatal().isEmpty()) {
            return "jcstress failed: " + parsed.fatal().get(0);
        }
        if (!parsed.finished()) {
            return "jcstress exited " + end.exitCode() + " before its final report";
        }
        int code = end.exitCode() == null ? -1 : end.exitCode();
        if (code == 0 || (code == 1 && parsed.failuresThrown())) {
            return null;
        }
        return "jcstress exited " + code + " after its final report";
    }

    static TestSummary summarise(DeclaredTest t, List<RunBlock> configurations, RunBlock merged) {
        return summarise(t, configurations, merged, 0);
    }

    static TestSummary summarise(DeclaredTest t, List<RunBlock> configurations, RunBlock merged, long minSamples) {
        Map<String, Integer> labels = new HashMap<>();
        List<String> messages = new ArrayList<>();
        for (RunBlock b : configurations) {
            labels.merge(b.label(), 1, Integer::sum);
            for (String m : b.messages()) {
                if (messages.size() < MAX_MESSAGES) {
                    messages.add(m);
                }
            }
        }
        // The merged table is jcstress's own sum; without it (a killed run), sum the configurations.
        Map<String, Row> rows = new LinkedHashMap<>();
        for (RunBlock b : merged != null ? List.of(merged) : configurations) {
            for (Row r : b.rows()) {
                rows.merge(r.id(), r, (a, c) -> new Row(a.id(), a.count() + c.count(), a.expect(), a.desc()));
            }
        }
        long samples = 0;
        for (Row r : rows.values()) {
            samples += r.count();
        }
        List<OutcomeSummary> outcomes = new ArrayList<>();
        for (DeclaredOutcome o : t.outcomes()) {
            if (!o.id().isEmpty()) {
                Row r = rows.get(o.id());
                long n = r == null ? 0 : r.count();
                outcomes.add(new OutcomeSummary(o.id(), n, o.expect(), perMillion(n, samples), true));
            }
        }
        List<String> forbidden = new ArrayList<>();
        for (Row r : rows.values()) {
            boolean declared = t.outcomes().stream().anyMatch(o -> o.id().equals(r.id()));
            String expect = declared ? t.expectOf(r.id()) : DeclaredOutcome.fromPrinted(r.expect());
            if (!declared) {
                outcomes.add(new OutcomeSummary(r.id(), r.count(), expect, perMillion(r.count(), samples), false));
            }
            boolean bad = expect.equals(DeclaredOutcome.FORBIDDEN) || expect.equals("UNKNOWN");
            if (bad && r.count() > 0) {
                forbidden.add(r.id() + " x" + r.count());
            }
        }

        Verdict v;
        String reason;
        Set<String> seen = new TreeSet<>(labels.keySet());
        if (merged != null) {
            seen.add(merged.label());
        }
        String worst = worstLabel(seen);
        if (configurations.isEmpty() && merged == null) {
            v = Verdict.NOT_RUN;
            reason = "no configuration of it reported";
        } else if (!forbidden.isEmpty()) {
            v = Verdict.FAILED;
            reason = "FORBIDDEN outcome seen: " + String.join(", ", forbidden);
        } else if ("FAILED".equals(worst)) {
            v = Verdict.FAILED;
            reason = "jcstress graded it FAILED";
        } else if ("TIMEOUT".equals(worst)) {
            v = Verdict.TIMEOUT;
            reason = labels.getOrDefault("TIMEOUT", 0) + " configuration(s) timed out" + firstMessage(messages);
        } else if (worst != null && !"OK".equals(worst)) {
            v = Verdict.ERROR;
            reason = "jcstress reported " + worst + firstMessage(messages);
        } else if (samples == 0) {
            v = Verdict.ERROR;
            reason = "no samples";
        } else if (t.canary() && t.bugIds().stream().allMatch(id -> rows.get(id) == null || rows.get(id).count() == 0)) {
            v = Verdict.CANARY_SILENT;
            reason = "its known bug " + String.join("/", t.bugIds()) + " never showed in " + String.format(Locale.ROOT,
                    "%,d", samples) + " samples";
        } else if (!t.canary() && samples < minSamples) {
            v = Verdict.INCONCLUSIVE;
            reason = String.format(Locale.ROOT, "nothing forbidden showed, but in only %,d samples, fewer than the %,d"
                    + " this budget needs to call a fix good", samples, minSamples);
        } else {
            v = Verdict.PASSED;
            reason = t.canary() ? "its known bug showed" : "nothing forbidden showed";
        }
        return new TestSummary(t.name(), v, reason, labels, samples, t.canary(), t.bugIds(), outcomes, messages);
    }

    private static String worstLabel(Set<String> labels) {
        for (String l : LABEL_SEVERITY) {
            if (labels.contains(l)) {
                return l;
            }
        }
        return null;
    }

    private static String firstMessage(List<String> messages) {
        return messages.isEmpty() ? "" : ": " + messages.get(0);
    }

    static double perMillion(long n, long samples) {
        return samples == 0 ? 0.0 : Math.round(n * 1e7 / samples) / 10.0;
    }
}
