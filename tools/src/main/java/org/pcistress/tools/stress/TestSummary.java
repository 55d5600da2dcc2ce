package org.pcistress.tools.stress;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One test (one variant) in summary.json.
 *
 * @param name jcstress's name
 * @param verdict what its part of the run says
 * @param reason one line: why the verdict
 * @param configurations how many configurations (forks) reported, by label ({@code OK: 2})
 * @param samples samples over all configurations
 * @param canary whether it declares a known bug (an ACCEPTABLE_INTERESTING outcome)
 * @param bugIds its ACCEPTABLE_INTERESTING ids
 * @param outcomes every declared outcome and every observed one, with counts
 * @param messages the first lines jcstress printed under Messages/VM output
 */
public record TestSummary(String name, Verdict verdict, String reason, Map<String, Integer> configurations, long samples,
        boolean canary, List<String> bugIds, List<OutcomeSummary> outcomes, List<String> messages) {
    public TestSummary {
        configurations = Collections.unmodifiableMap(new TreeMap<>(configurations));
        bugIds = List.copyOf(bugIds);
        outcomes = List.copyOf(outcomes);
        messages = List.copyOf(messages);
    }

    public String shortName() {
        return DeclaredTest.shortName(name);
    }
}
