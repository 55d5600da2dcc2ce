package org.pcistress.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubActionsTest {

    private static String run(Map<String, String> env) {
        StringWriter w = new StringWriter();
        GitHubActions gh = GitHubActions.from(env, new PrintWriter(w));
        gh.group("matrix v6.18");
        gh.error("regression: matrix v6.18", "bind_pf+aer: OK -> DEADLOCK\n50% worse");
        gh.endGroup();
        return w.toString();
    }

    @Test
    void workflowCommandsOnlyInAGitHubActionsJob() {
        assertEquals("", run(Map.of()));
        assertEquals("", run(Map.of("GITHUB_ACTIONS", "false")));
        assertEquals(String.join(System.lineSeparator(), "::group::matrix v6.18",
                "::error title=regression%3A matrix v6.18::bind_pf+aer: OK -> DEADLOCK%0A50%25 worse",
                "::endgroup::", ""), run(Map.of("GITHUB_ACTIONS", "true")));
    }
}
