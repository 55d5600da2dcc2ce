package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unified diff as {@code git diff} or {@code git format-patch} writes it: the commit and subject
 * when there is a mail header, then per file its hunks. Only what check-patch needs: renames,
 * modes and binary files are skipped; every hunk's line counts must match its header.
 *
 * @param commit  the {@code From <sha>} of a format-patch, or empty
 * @param subject the {@code Subject:} without {@code [PATCH …]}, or empty
 * @param files   the files with at least one hunk
 */
record UnifiedDiff(String commit, String subject, List<FilePatch> files) {

    /** One file's hunks; {@code path} is the new name without {@code b/}. */
    record FilePatch(String path, List<Hunk> hunks) {
    }

    /**
     * One hunk.
     *
     * @param header   the text after the second {@code @@} (git's enclosing-function line)
     * @param oldStart first line number in the old file
     * @param newStart first line number in the new file
     * @param lines    the body
     */
    record Hunk(String header, int oldStart, int newStart, List<Line> lines) {
    }

    /**
     * One body line.
     *
     * @param kind  {@code ' '}, {@code '+'} or {@code '-'}
     * @param text  without the kind character
     * @param oldNo line number in the old file (context and removed), else 0
     * @param newNo line number in the new file (context and added), else 0
     */
    record Line(char kind, String text, int oldNo, int newNo) {
        /** {@code +498} or {@code -495}, for reports. */
        String where() {
            return kind == '-' ? "-" + oldNo : "+" + newNo;
        }
    }

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@ ?(.*)");
    private static final Pattern FROM = Pattern.compile("From ([0-9a-f]{7,40}) .*");

    /** @throws BadPatch when {@code text} has no hunk or a hunk is cut short */
    static UnifiedDiff parse(String text) {
        String[] lines = text.split("\r?\n", -1);
        String commit = "";
        String subject = "";
        List<FilePatch> files = new ArrayList<>();
        String path = null;
        List<Hunk> hunks = null;
        int i = 0;
        while (i < lines.length) {
            String l = lines[i];
            Matcher from = FROM.matcher(l);
            if (commit.isEmpty() && files.isEmpty() && from.matches()) {
                commit = from.group(1);
            } else if (subject.isEmpty() && files.isEmpty() && l.startsWith("Subject: ")) {
                subject = l.substring("Subject: ".length()).replaceFirst("^\\[[^]]*]\\s*", "").strip();
                while (i + 1 < lines.length && lines[i + 1].startsWith(" ")) {
                    subject += " " + lines[++i].strip(); // a folded header line
                }
            } else if (l.startsWith("+++ ")) {
                String p = l.substring(4).strip().replaceFirst("\t.*", "");
                path = p.equals("/dev/null") ? null : p.replaceFirst("^[ab]/", "");
                hunks = new ArrayList<>();
                if (path != null) {
                    files.add(new FilePatch(path, hunks));
                }
            } else if (l.startsWith("@@ ")) {
                Matcher m = HUNK.matcher(l);
                if (!m.matches()) {
                    throw new BadPatch("line " + (i + 1) + ": a hunk header that is not '@@ -a,b +c,d @@': " + l);
                }
                if (hunks == null) {
                    throw new BadPatch("line " + (i + 1) + ": a hunk before any '+++ b/FILE' line");
                }
                i = hunk(lines, i, m, path == null ? null : hunks);
                continue;
            }
            i++;
        }
        if (files.stream().allMatch(f -> f.hunks().isEmpty())) {
            throw new BadPatch("not a unified diff: no '+++ b/FILE' followed by an '@@' hunk");
        }
        files.removeIf(f -> f.hunks().isEmpty());
        return new UnifiedDiff(commit, subject, List.copyOf(files));
    }

    /** Reads one hunk from {@code lines[at]}; returns the index after it. */
    private static int hunk(String[] lines, int at, Matcher m, List<Hunk> into) {
        int oldStart = Integer.parseInt(m.group(1));
        int oldLeft = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int newStart = Integer.parseInt(m.group(3));
        int newLeft = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
        int oldNo = oldStart;
        int newNo = newStart;
        List<Line> body = new ArrayList<>();
        int i = at + 1;
        while (oldLeft > 0 || newLeft > 0) {
            if (i >= lines.length) {
                throw new BadPatch("hunk '" + lines[at] + "' is cut short: " + oldLeft + " old and " + newLeft
                        + " new line(s) missing at the end of the patch");
            }
            String l = lines[i++];
            if (l.startsWith("\\")) {
                continue; // "\ No newline at end of file"
            }
            char k = l.isEmpty() ? ' ' : l.charAt(0);
            String t = l.isEmpty() ? "" : l.substring(1);
            if (k == ' ' && oldLeft > 0 && newLeft > 0) {
                body.add(new Line(' ', t, oldNo++, newNo++));
                oldLeft--;
                newLeft--;
            } else if (k == '-' && oldLeft > 0) {
                body.add(new Line('-', t, oldNo++, 0));
                oldLeft--;
            } else if (k == '+' && newLeft > 0) {
                body.add(new Line('+', t, 0, newNo++));
                newLeft--;
            } else {
                throw new BadPatch("line " + i + ": hunk '" + lines[at] + "' does not add up (" + oldLeft + " old, "
                        + newLeft + " new line(s) still expected, got '" + l + "')");
            }
        }
        while (i < lines.length && lines[i].startsWith("\\")) {
            i++;
        }
        if (into != null) {
            into.add(new Hunk(m.group(5), oldStart, newStart, List.copyOf(body)));
        }
        return i;
    }
}
