package org.pcistress.stress.header;

import java.util.List;

/**
 * One nested {@code @JCStressTest} class of a scenario file, as the header check sees it.
 *
 * @param name the nested class's simple name ({@code Upstream}, {@code FixedOrder})
 * @param testName jcstress's name for it ({@code org.….Locking_01_….FixedOrder})
 * @param javadoc the text of its javadoc comment, or {@code ""} when it has none
 * @param outcomes its {@code @Outcome}s in declaration order
 * @param actors how many {@code @Actor} methods it has
 * @param arbiters how many {@code @Arbiter} methods it has
 */
record Variant(String name, String testName, String javadoc, List<OutcomeDecl> outcomes, int actors, int arbiters) {
    Variant {
        outcomes = List.copyOf(outcomes);
    }
}
