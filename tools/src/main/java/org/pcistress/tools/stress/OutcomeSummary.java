package org.pcistress.tools.stress;

/**
 * One outcome of one test in summary.json.
 *
 * @param id the outcome word ({@code "*"} stands for the catch-all when it was printed without an id)
 * @param count samples that had it
 * @param expect {@code ACCEPTABLE}, {@code ACCEPTABLE_INTERESTING}, {@code FORBIDDEN} or {@code UNKNOWN}
 * @param perMillion {@code count} per million samples of the test
 * @param declared whether the test declares this id ({@code false}: only a catch-all matched it)
 */
public record OutcomeSummary(String id, long count, String expect, double perMillion, boolean declared) {
}
