package org.pcistress.tools.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jcstress scenario's header, read from its source text with the grammar of docs/STRESS.md
 * (checked against the {@code @Outcome}s by the stress module's header test): the outer class's
 * javadoc tells the story, its {@code <pre>} holds the actors and the {@code Lock chain:}, a
 * {@code Run: {@code java -jar …}} line gives the command; each nested {@code @JCStressTest}
 * variant's javadoc has one {@code Result: Never | Sometimes ID[, ID…]} line.
 *
 * @param name      {@code Locking_01_MutexVsRwsemReadABBA}
 * @param area      the package under {@code org.pcistress.stress} ({@code locking})
 * @param summary   the header's first paragraph, as Markdown
 * @param lockChain the header's {@code <pre>} with the actors' call chains and the {@code Lock chain:}, or {@code ""}
 * @param run       the command of the {@code Run:} line, or {@code ""}
 * @param variants  the variants in source order
 */
public record ScenarioHeader(String name, String area, String summary, String lockChain, String run,
                             List<Variant> variants) {

    /** A nested {@code @JCStressTest} class and its {@code Result:}. */
    public record Variant(String name, String result) {
    }

    static final Pattern FILE_NAME = Pattern.compile("[A-Z][A-Za-z]*_\\d{2}_[A-Z][A-Za-z0-9]*");
    private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern RESULT = Pattern.compile("(?m)^(?:<p>)?Result:\\s*(.*?)\\s*$");
    private static final Pattern RUN = Pattern.compile("(?m)^(?:<p>)?Run: \\{@code (.*?)}\\s*$");
    private static final Pattern VARIANT = Pattern.compile("(?m)^[ \\t]*@JCStressTest\\b.*?\\bclass\\s+(\\w+)", Pattern.DOTALL);

    public ScenarioHeader {
        variants = List.copyOf(variants);
    }

    /** Parses the source of scenario {@code name} in package area {@code area}. */
    public static ScenarioHeader parse(String name, String area, String source) {
        String header = javadocBefore(source, source.indexOf("class " + name));
        List<Variant> variants = new ArrayList<>();
        Matcher v = VARIANT.matcher(source);
        while (v.find()) {
            Matcher r = RESULT.matcher(javadocBefore(source, v.start()));
            variants.add(new Variant(v.group(1), r.find() ? r.group(1) : "(no Result: line)"));
        }
        Matcher run = RUN.matcher(header);
        return new ScenarioHeader(name, area, summary(header, name), lockChain(header), run.find() ? run.group(1) : "",
                variants);
    }

    /** The javadoc ending last before {@code at}, leading {@code *}s stripped; {@code ""} if none. */
    static String javadocBefore(String source, int at) {
        String text = "";
        Matcher m = JAVADOC.matcher(source);
        while (m.find() && m.end() <= Math.max(at, 0)) {
            text = m.group(1);
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            b.append(line.replaceFirst("^\\s*\\* ?", "").stripTrailing()).append('\n');
        }
        return b.toString().strip();
    }

    /** The first paragraph, without the {@code Name:} / {@code Locking_01:} lead-in, as Markdown. */
    private static String summary(String header, String name) {
        String first = header.split("(?m)^\\s*$|<p>|<pre>", 2)[0];
        String md = markdown(first).replaceAll("\\s+", " ").strip();
        String shortName = name.replaceFirst("^([A-Za-z]+_\\d{2})_.*", "$1");
        md = md.replaceFirst("^(" + Pattern.quote(name) + "|" + Pattern.quote(shortName) + "):\\s*", "");
        return md.isEmpty() ? "(no header)" : Character.toUpperCase(md.charAt(0)) + md.substring(1);
    }

    /** The {@code <pre>} block holding the {@code Lock chain:} line: the actors' call chains and the lock chains. */
    private static String lockChain(String header) {
        for (String block : header.split("<pre>")) {
            int end = block.indexOf("</pre>");
            if (end >= 0 && block.substring(0, end).contains("Lock chain:")) {
                return unescape(block.substring(0, end).stripTrailing().replaceFirst("^\\s*\n", ""));
            }
        }
        return "";
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
