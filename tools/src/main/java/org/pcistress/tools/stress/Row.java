package org.pcistress.tools.stress;

/**
 * One row of a jcstress result table.
 *
 * @param id the outcome as jcstress printed it (our ids are words: {@code OK}, {@code DEADLOCK})
 * @param count how many samples had it
 * @param expect the EXPECT column: {@code Acceptable}, {@code Interesting}, {@code Forbidden} or {@code Unknown}
 * @param desc the DESCRIPTION column, cut off by jcstress at 60 characters
 */
public record Row(String id, long count, String expect, String desc) {
}
