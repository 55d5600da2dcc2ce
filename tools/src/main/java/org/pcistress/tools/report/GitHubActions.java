package org.pcistress.tools.report;

import java.io.PrintWriter;
import java.util.Map;

/**
 * GitHub Actions workflow commands on the job log, written only when the run is a GitHub Actions
 * job ({@code GITHUB_ACTIONS=true}): folded groups ({@code ::group::}/{@code ::endgroup::}) and
 * error and warning annotations, which the run page lists above the log. Elsewhere every method
 * writes nothing, so a terminal sees plain progress lines.
 */
public final class GitHubActions {
    private final boolean on;
    private final PrintWriter out;

    public GitHubActions(boolean on, PrintWriter out) {
        this.on = on;
        this.out = out;
    }

    /** On when {@code env} says this is a GitHub Actions job. */
    public static GitHubActions from(Map<String, String> env, PrintWriter out) {
        return new GitHubActions("true".equals(env.get("GITHUB_ACTIONS")), out);
    }

    public boolean on() {
        return on;
    }

    /** Starts a folded group named {@code title} (groups do not nest; end the previous one first). */
    public void group(String title) {
        command("group", null, title);
    }

    public void endGroup() {
        command("endgroup", null, "");
    }

    /** An error annotation with a {@code title}. */
    public void error(String title, String message) {
        command("error", title, message);
    }

    public void warning(String title, String message) {
        command("warning", title, message);
    }

    private void command(String name, String title, String message) {
        if (!on) {
            return;
        }
        StringBuilder b = new StringBuilder("::").append(name);
        if (title != null) {
            b.append(" title=").append(escapeProperty(title));
        }
        out.println(b.append("::").append(escapeData(message)));
        out.flush();
    }

    /** A message: {@code %}, CR and LF are escaped, as the runner unescapes them. */
    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: also {@code :} and {@code ,}, which separate properties. */
    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
