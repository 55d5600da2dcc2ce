package org.pcistress.tools.patch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's hunks cut by enclosing function: for each function, the lines of the old file (context
 * and removed) and of the new file (context and added) that the patch shows, in order, each with
 * its code (comments and string literals blanked) and its brace depth relative to the first shown
 * line. The function is the hunk header's (git's enclosing-function line) until a definition or a
 * closing brace at column 0 inside the hunk says otherwise, tracked separately in each image.
 */
final class FunctionLines {

    /** One shown line of one image. */
    record Item(UnifiedDiff.Line line, int hunk, boolean changed, String code, int depth) {
    }

    /** The shown lines of one function, old image and new image. */
    record Function(String name, List<Item> before, List<Item> after) {
        List<Item> image(boolean after) {
            return after ? this.after : before;
        }
    }

    private static final Pattern DEF = Pattern.compile("[A-Za-z_][^;=(]*?\\b([A-Za-z_]\\w*)\\s*\\([^;]*");
    private static final Pattern KEYWORD = Pattern.compile("(if|for|while|switch|return|else|do|case|goto|sizeof)\\b.*");

    private FunctionLines() {
    }

    /** The functions of {@code file}, in the order the patch first shows them ({@code null} name: none). */
    static List<Function> of(UnifiedDiff.FilePatch file) {
        Map<String, Function> out = new LinkedHashMap<>();
        Map<String, String> renames = renames(file);
        Image before = new Image(false);
        Image after = new Image(true);
        for (int h = 0; h < file.hunks().size(); h++) {
            UnifiedDiff.Hunk hunk = file.hunks().get(h);
            String f = headerFunction(hunk.header());
            before.start(f);
            after.start(renames.getOrDefault(f, f)); // git names the old file's function
            for (UnifiedDiff.Line l : hunk.lines()) {
                if (l.kind() != '+') {
                    before.add(l, h, out);
                }
                if (l.kind() != '-') {
                    after.add(l, h, out);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Functions whose definition line the patch replaces by one of another name (old → new): the
     * old name's body goes on under the new name, and hunk headers, which git takes from the old
     * file, still say the old one.
     */
    static Map<String, String> renames(UnifiedDiff.FilePatch file) {
        Map<String, String> out = new LinkedHashMap<>();
        for (UnifiedDiff.Hunk h : file.hunks()) {
            String removed = null;
            for (UnifiedDiff.Line l : h.lines()) {
                String def = l.kind() == ' ' ? null : definition(l.text());
                if (l.kind() == '-' && def != null) {
                    removed = def;
                } else if (l.kind() == '+' && def != null && removed != null && !def.equals(removed)) {
                    out.put(removed, def);
                    removed = null;
                } else if (l.kind() == ' ') {
                    removed = null;
                }
            }
        }
        return out;
    }

    /** The function a line defines, or {@code null}. */
    static String definition(String t) {
        if (t.isEmpty() || Character.isWhitespace(t.charAt(0)) || t.startsWith("}") || t.startsWith("#")
                || t.startsWith("/") || t.startsWith("*") || t.endsWith(":")) {
            return null;
        }
        Matcher m = DEF.matcher(t);
        return m.matches() && !KEYWORD.matcher(t).matches() ? m.group(1) : null;
    }

    /** The function git names in a hunk header: the identifier before the first {@code (}. */
    static String headerFunction(String header) {
        Matcher m = DEF.matcher(header.strip());
        return m.lookingAt() && !KEYWORD.matcher(header.strip()).matches() ? m.group(1) : null;
    }

    /** One image's walk: current function, comment state, depth per function. */
    private static final class Image {
        final boolean after;
        String function;
        boolean inComment;
        final Map<String, Integer> depth = new LinkedHashMap<>();

        Image(boolean after) {
            this.after = after;
        }

        void start(String f) {
            function = f;
            inComment = false;
        }

        void add(UnifiedDiff.Line l, int hunk, Map<String, Function> out) {
            String t = l.text();
            String def = definition(t);
            if (def != null) {
                function = def;
                depth.put(function, 0);
            }
            String code = code(t);
            String key = function == null ? "?" : function;
            Function f = out.computeIfAbsent(key, k -> new Function(function, new ArrayList<>(), new ArrayList<>()));
            int d = depth.getOrDefault(key, 0);
            f.image(after).add(new Item(l, hunk, l.kind() != ' ', code, d));
            depth.put(key, d + count(code, '{') - count(code, '}'));
            if (t.startsWith("}")) {
                function = null;
            }
        }

        /** {@code text} without comments and string or character literals. */
        private String code(String text) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (inComment) {
                    if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                        inComment = false;
                        i++;
                    }
                } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                    inComment = true;
                    i++;
                } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                    break;
                } else if (c == '"' || c == '\'') {
                    int j = i + 1;
                    while (j < text.length() && text.charAt(j) != c) {
                        j += text.charAt(j) == '\\' ? 2 : 1;
                    }
                    b.append(c).append(c);
                    i = j;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    private static int count(String s, char c) {
        return (int) s.chars().filter(x -> x == c).count();
    }
}
