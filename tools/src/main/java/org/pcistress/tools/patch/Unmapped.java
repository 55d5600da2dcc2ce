package org.pcistress.tools.patch;

/**
 * A changed line check-patch could not turn into a lock change, and why.
 *
 * @param file     the file
 * @param function the enclosing function, or {@code ?}
 * @param where    {@code +498} (new file) or {@code -495} (old file)
 * @param text     the line as the patch has it, with its {@code +}/{@code -}
 * @param reason   why, in one sentence
 */
record Unmapped(String file, String function, String where, String text, String reason) {
    String describe() {
        return file + ":" + where + " (" + function + "): " + text.strip() + "\n      " + reason;
    }
}
