package org.pcistress.stress.header;

/** The three expectations a scenario may declare, as jcstress prints them in its result tables. */
enum Expectation {
    ACCEPTABLE("Acceptable"),
    ACCEPTABLE_INTERESTING("Interesting"),
    FORBIDDEN("Forbidden");

    private final String printed;

    Expectation(String printed) {
        this.printed = printed;
    }

    /** The word in jcstress's EXPECT column. */
    String printed() {
        return printed;
    }

    /** From {@code Expect.name()}; jcstress's {@code UNKNOWN} is never declared by hand. */
    static Expectation of(String expectName) {
        return valueOf(expectName);
    }
}
