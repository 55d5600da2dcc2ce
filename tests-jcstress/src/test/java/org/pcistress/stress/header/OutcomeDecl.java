package org.pcistress.stress.header;

/**
 * One {@code @Outcome} as declared on a variant.
 *
 * @param id the outcome word, or the empty string for a catch-all outcome (no id)
 * @param expect what the variant expects of it
 * @param desc its description
 */
record OutcomeDecl(String id, Expectation expect, String desc) {
    boolean catchAll() {
        return id.isEmpty();
    }
}
