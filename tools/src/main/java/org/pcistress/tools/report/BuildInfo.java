package org.pcistress.tools.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * What built this jar and what runs it: the project version and the commit, written into
 * {@code version.properties} by the build (tools/pom.xml filters it; the commit comes from git at
 * build time), the jcstress and JMH versions it drives, and this JVM. Never fails: what the build
 * could not fill in reads "unknown".
 *
 * @param version  the project version ({@code 0.1.0-SNAPSHOT})
 * @param commit   the abbreviated commit, or "unknown" (built outside a git checkout)
 * @param dirty    whether the tree had uncommitted changes when it was built
 * @param jcstress jcstress version
 * @param jmh      JMH version
 */
public record BuildInfo(String version, String commit, boolean dirty, String jcstress, String jmh) {
    static final String RESOURCE = "/org/pcistress/tools/version.properties";

    /** This jar's. */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown, below
        }
        return new BuildInfo(value(p, "version"), value(p, "commit"), "true".equals(p.getProperty("dirty")),
                value(p, "jcstress"), value(p, "jmh"));
    }

    /** An unfiltered placeholder ({@code ${...}}) or a missing value is "unknown". */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }

    /** {@code 0.1.0-SNAPSHOT (commit 0123456789ab, uncommitted changes)}. */
    public String versionAndCommit() {
        return version + " (commit " + commit + (dirty ? ", uncommitted changes" : "") + ")";
    }

    /** {@code Java 17.0.15 (Debian)}. */
    public static String jdk() {
        return "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "?") + ")";
    }

    /** The lines {@code pcistress --version} prints. */
    public String[] versionLines() {
        return new String[] {
            "pcistress " + versionAndCommit(),
            "jcstress " + jcstress + ", JMH " + jmh,
            jdk() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch").toLowerCase(Locale.ROOT),
        };
    }
}
