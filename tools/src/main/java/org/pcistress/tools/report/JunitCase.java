package org.pcistress.tools.report;

/**
 * One testcase of a JUnit XML file: one matrix cell, or one jcstress variant.
 *
 * @param classname what test reporters group by ({@code pcistress.matrix.v6_18})
 * @param name      the cell key or the variant's name
 * @param seconds   wall time
 * @param outcome   passed, failure (the model or the test says something is wrong) or error (the harness)
 * @param message   one line for a failure or an error, else empty
 * @param type      the failure kind ({@code DEADLOCK}, {@code FORBIDDEN}), else empty
 * @param detail    the counterexample or the outcome table (the failure's body, or system-out when passed)
 */
public record JunitCase(String classname, String name, double seconds, Outcome outcome, String message, String type,
        String detail) {

    /** How a testcase ended, in JUnit's words. */
    public enum Outcome { PASSED, FAILURE, ERROR }

    public static JunitCase passed(String classname, String name, double seconds, String detail) {
        return new JunitCase(classname, name, seconds, Outcome.PASSED, "", "", detail);
    }
}
