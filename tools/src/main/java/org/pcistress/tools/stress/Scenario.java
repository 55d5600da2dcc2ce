package org.pcistress.tools.stress;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One jcstress scenario file as {@link ScenarioCatalog} reads it: the outer class
 * {@code <Area>_<NN>_<Race>}, its header javadoc (the grammar of docs/STRESS.md: the story, a
 * {@code <pre>} with the actors and the {@code Lock chain:}, a {@code Run:} line, pasted result
 * tables) and its nested {@code @JCStressTest} variants.
 *
 * @param name     the outer class's simple name, which is also the file's ({@code Locking_01_MutexVsRwsemReadABBA})
 * @param area     the package under {@code org.pcistress.stress} ({@code locking})
 * @param header   the text of the outer class's javadoc, leading {@code *}s stripped, or {@code ""}
 * @param variants its nested {@code @JCStressTest} classes in source order
 */
public record Scenario(String name, String area, String header, List<Variant> variants) {
    static final Pattern RESULT = Pattern.compile("(?m)^(?:<p>)?Result:(.*)$");
    private static final Pattern RUN = Pattern.compile("(?m)^(?:<p>)?Run: \\{@code (.*?)}\\s*$");

    public Scenario {
        variants = List.copyOf(variants);
    }

    /**
     * One nested {@code @JCStressTest} class: its javadoc from the source, its outcomes and actors as
     * jcstress lists them (META-INF/TestList, so {@code @JCStressMeta} outcomes are included).
     *
     * @param name     the nested class's simple name ({@code Abba}, {@code FixedOrder})
     * @param testName jcstress's name for it ({@code org.….Locking_01_….FixedOrder})
     * @param javadoc  the text of its javadoc comment, or {@code ""}
     * @param outcomes its {@code @Outcome}s, shared ones first, as jcstress reads them
     * @param actors   how many {@code @Actor} methods it has
     * @param arbiters how many {@code @Arbiter} methods it has
     */
    public record Variant(String name, String testName, String javadoc, List<DeclaredOutcome> outcomes, int actors,
                          int arbiters) {
        public Variant {
            outcomes = List.copyOf(outcomes);
        }

        /** The text of its {@code Result:} line ({@code Never}, {@code Sometimes DEADLOCK}), or {@code (no Result: line)}. */
        public String result() {
            Matcher r = RESULT.matcher(javadoc);
            return r.find() ? r.group(1).strip() : "(no Result: line)";
        }
    }

    /** The header's first paragraph, without the {@code Name:} / {@code Locking_01:} lead-in, as Markdown. */
    public String summary() {
        String first = header.strip().split("(?m)^\\s*$|<p>|<pre>", 2)[0];
        String md = markdown(first).replaceAll("\\s+", " ").strip();
        String shortName = name.replaceFirst("^([A-Za-z]+_\\d{2})_.*", "$1");
        md = md.replaceFirst("^(" + Pattern.quote(name) + "|" + Pattern.quote(shortName) + "):\\s*", "");
        return md.isEmpty() ? "(no header)" : Character.toUpperCase(md.charAt(0)) + md.substring(1);
    }

    /** The {@code <pre>} block holding the {@code Lock chain:} line (the actors' call chains and the lock chains), or {@code ""}. */
    public String lockChain() {
        for (String block : header.split("<pre>")) {
            int end = block.indexOf("</pre>");
            if (end >= 0 && block.substring(0, end).contains(HeaderRules.LOCK_CHAIN)) {
                return unescape(block.substring(0, end).stripTrailing().replaceFirst("^\\s*\n", ""));
            }
        }
        return "";
    }

    /** The command of the header's {@code Run:} line, or {@code ""}. */
    public String run() {
        Matcher run = RUN.matcher(header);
        return run.find() ? run.group(1) : "";
    }

    /** Javadoc HTML and inline tags to Markdown. */
    static String markdown(String html) {
        String s = html.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`")
                .replaceAll("\\{@link(?:plain)? (?:[\\w.]*#)?([^} ]*)[^}]*}", "`$1`")
                .replaceAll("</?(?:em|i)>", "*").replaceAll("</?(?:strong|b)>", "**")
                .replaceAll("</?(?:code|tt)>", "`").replaceAll("<[^>]+>", "");
        return unescape(s);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
