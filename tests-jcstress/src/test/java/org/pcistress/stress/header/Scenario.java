package org.pcistress.stress.header;

import java.util.List;

/**
 * One scenario file: the outer class {@code <Area>_<NN>_<Race>}, its header and its variants.
 *
 * @param simpleName the outer class's simple name, which is also the file's name
 * @param header the text of the outer class's javadoc, or {@code ""}
 * @param variants its nested {@code @JCStressTest} classes in source order
 */
record Scenario(String simpleName, String header, List<Variant> variants) {
    Scenario {
        variants = List.copyOf(variants);
    }
}
