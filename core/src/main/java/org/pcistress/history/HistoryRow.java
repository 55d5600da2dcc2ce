package org.pcistress.history;

/**
 * One case replayed on the model.
 *
 * @param c         the case
 * @param modelSays {@code OK} or the failure kinds the search found ({@code DEADLOCK+LOCKING_BUG}), or
 *                  {@code error: …} when the case could not run (an unknown profile or entry point)
 * @param exhausted the last search ran every schedule within the bound
 * @param match     the model agrees with history
 * @param why       for a mismatch, what disagrees; empty otherwise
 * @param millis    wall time of the searches
 */
public record HistoryRow(HistoryCase c, String modelSays, boolean exhausted, boolean match, String why, long millis) {

    /** {@code DEADLOCK (report: …)}: what history says and its source, as the table prints it. */
    public String historySays() {
        return c.says() + " (" + c.source() + ")";
    }
}
