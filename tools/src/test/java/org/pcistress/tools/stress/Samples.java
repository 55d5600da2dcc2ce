package org.pcistress.tools.stress;

import static org.pcistress.tools.stress.DeclaredOutcome.ACCEPTABLE;
import static org.pcistress.tools.stress.DeclaredOutcome.FORBIDDEN;
import static org.pcistress.tools.stress.DeclaredOutcome.INTERESTING;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The captured jcstress outputs under src/test/resources/jcstress and the tests they came from. */
final class Samples {
    static final String L01 = "org.pcistress.stress.locking.Locking_01_MutexVsRwsemReadABBA.";
    static final String S01 = "scratch.Scratch_01_Statuses.";

    private Samples() {
    }

    static List<String> lines(String resource) {
        try (InputStream in = Samples.class.getResourceAsStream("/jcstress/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConsoleParser parse(String resource) {
        return ConsoleParser.parse(lines(resource));
    }

    /** The first {@code n} lines only: what a run killed at that point had printed. */
    static ConsoleParser parseFirst(String resource, int n) {
        return ConsoleParser.parse(lines(resource).subList(0, n));
    }

    static DeclaredTest abba() {
        return new DeclaredTest(L01 + "Abba", List.of(o("OK", ACCEPTABLE), o("DEADLOCK", INTERESTING),
                o("HUNG_TASK", FORBIDDEN), o("LOCKING_BUG", FORBIDDEN), o("", FORBIDDEN)));
    }

    static DeclaredTest fixedOrder(String deadlockExpect) {
        return new DeclaredTest(L01 + "FixedOrder", List.of(o("OK", ACCEPTABLE), o("DEADLOCK", deadlockExpect),
                o("HUNG_TASK", FORBIDDEN), o("LOCKING_BUG", FORBIDDEN), o("", FORBIDDEN)));
    }

    static List<DeclaredTest> locking01() {
        return List.of(abba(), fixedOrder(FORBIDDEN));
    }

    static DeclaredTest forbidden() {
        return new DeclaredTest(S01 + "Forbidden", List.of(o("OK", ACCEPTABLE), o("BAD", FORBIDDEN)));
    }

    static DeclaredTest throwsTest() {
        return new DeclaredTest(S01 + "Throws", List.of(o("OK", ACCEPTABLE)));
    }

    static DeclaredTest silent() {
        return new DeclaredTest(S01 + "Silent", List.of(o("OK", ACCEPTABLE), o("RARE", INTERESTING)));
    }

    static DeclaredTest slow() {
        return new DeclaredTest(S01 + "Slow", List.of(o("OK", ACCEPTABLE)));
    }

    private static DeclaredOutcome o(String id, String expect) {
        return new DeclaredOutcome(id, expect, id.isEmpty() ? "anything else" : id.toLowerCase());
    }
}
