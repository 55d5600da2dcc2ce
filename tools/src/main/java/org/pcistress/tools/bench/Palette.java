package org.pcistress.tools.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One colour per strategy across every chart of a report: a series or bar is coloured by the value
 * of its strategy parameter ({@code strategy}, {@code checking}), so list-snapshot is the same
 * colour in the walk chart, the churn bars and the latency chart. The known strategies have fixed
 * colours, so they match between reports too; anything else takes the next free one.
 */
final class Palette {
    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
        "#17becf", "#7f7f7f", "#bcbd22"};
    /** The parameters whose value names a strategy, in the order they are looked for. */
    static final String[] STRATEGY_PARAMS = {"strategy", "checking"};

    private final Map<String, String> byKey = new LinkedHashMap<>();

    Palette() {
        for (String known : new String[] {"v6.19+revert", "list-snapshot", "deferred-enumeration", "jdk", "off",
            "detector", "both", "jdkFair", "v7.0"}) {
            colour(known);
        }
    }

    /** The strategy a result's parameters name, or {@code fallback} when none does. */
    static String strategyOf(Map<String, String> params, String fallback) {
        for (String p : STRATEGY_PARAMS) {
            String v = params.get(p);
            if (v != null) {
                return v;
            }
        }
        return fallback;
    }

    /** The colour of {@code key}, assigned on first use. */
    String colour(String key) {
        return byKey.computeIfAbsent(key, k -> COLOURS[byKey.size() % COLOURS.length]);
    }
}
