package org.pcistress.tools.stress;

/**
 * How the jcstress process ended.
 *
 * @param exitCode its exit code, or {@code null} when it never started or was killed
 * @param killedBecause why the stress command killed its process group ({@code null}: it was not)
 * @param startError why it could not be started ({@code null}: it was)
 */
public record ProcessEnd(Integer exitCode, String killedBecause, String startError) {
    public static ProcessEnd exited(int code) {
        return new ProcessEnd(code, null, null);
    }

    public static ProcessEnd killed(String why) {
        return new ProcessEnd(null, why, null);
    }

    /** Not ended yet: for the summaries written while jcstress runs. */
    public static ProcessEnd running() {
        return new ProcessEnd(null, null, null);
    }

    public boolean isRunning() {
        return exitCode == null && killedBecause == null && startError == null;
    }

    public static ProcessEnd notStarted(String why) {
        return new ProcessEnd(null, null, why);
    }
}
