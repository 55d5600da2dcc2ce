package org.pcistress.tools.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The CI workflows parse, run when they should, pin their actions, and call the README's commands. */
class WorkflowsTest {
    private static final Pattern COMMAND = Pattern.compile("\\./pcistress ([a-z][a-z-]*)");
    private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w.-]+(?:/[\\w./-]+)?@v\\d+");

    private final Path root = Repo.root();

    @SuppressWarnings("unchecked")
    private Map<Object, Object> load(String name) throws IOException {
        Object doc = new Yaml().load(Files.readString(root.resolve(".github/workflows").resolve(name)));
        assertTrue(doc instanceof Map, name + " is a mapping");
        return (Map<Object, Object>) doc;
    }

    /** YAML 1.1 reads the key {@code on} as {@code true}; GitHub reads it as "on". */
    private static Object triggers(Map<Object, Object> wf) {
        return wf.containsKey("on") ? wf.get("on") : wf.get(Boolean.TRUE);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<Object, Object>> steps(Map<Object, Object> wf) {
        List<Map<Object, Object>> all = new ArrayList<>();
        Map<Object, Object> jobs = (Map<Object, Object>) wf.get("jobs");
        for (Object job : jobs.values()) {
            Map<Object, Object> j = (Map<Object, Object>) job;
            assertTrue(j.containsKey("runs-on"), "every job names its runner: " + j);
            all.addAll((List<Map<Object, Object>>) j.get("steps"));
        }
        return all;
    }

    private static Set<String> commands(Map<Object, Object> wf) {
        Set<String> found = new TreeSet<>();
        for (Map<Object, Object> step : steps(wf)) {
            Object run = step.get("run");
            if (run != null) {
                Matcher m = COMMAND.matcher(run.toString());
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    private static String runs(Map<Object, Object> wf) {
        StringBuilder b = new StringBuilder();
        steps(wf).forEach(s -> b.append(s.getOrDefault("run", "")).append('\n'));
        return b.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void nightlyRunsOnAScheduleAndOnDemand() throws IOException {
        Map<Object, Object> on = (Map<Object, Object>) triggers(load("nightly.yml"));
        assertTrue(on.containsKey("schedule"), "schedule");
        assertTrue(on.containsKey("workflow_dispatch"), "workflow_dispatch");
        String runs = runs(load("nightly.yml"));
        assertTrue(runs.contains("./pcistress run "), "runs the main job");
        assertTrue(runs.contains("./pcistress stress-merge "), "merges the shards");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prRunsTheTestCommandAndTheMatrixDiff() throws IOException {
        Map<Object, Object> wf = load("pr.yml");
        assertTrue(((Map<Object, Object>) triggers(wf)).containsKey("pull_request"));
        String runs = runs(wf);
        assertTrue(runs.contains("bash .ci/run"), "the README's test command, through .ci/run");
        assertTrue(runs.contains("./pcistress matrix ") && runs.contains("./pcistress matrix-diff "), runs);
        assertEquals("exec ./pcistress test", Files.readAllLines(root.resolve(".ci/run")).stream()
                .filter(l -> l.startsWith("exec ")).findFirst().orElse(""), ".ci/run is the README's test command");
    }

    @Test
    void everyActionIsGitHubsOwnPinnedByMajorVersion() throws IOException {
        for (String name : List.of("nightly.yml", "pr.yml")) {
            for (Map<Object, Object> step : steps(load(name))) {
                Object uses = step.get("uses");
                if (uses != null) {
                    assertTrue(PINNED.matcher(uses.toString()).matches(), name + ": " + uses + " is not pinned to @vN");
                    assertTrue(uses.toString().startsWith("actions/"), name + ": " + uses + " is not one of GitHub's");
                }
            }
        }
    }

    @Test
    void theWorkflowsCallTheCommandsTheReadmeDocuments() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        Set<String> documented = new TreeSet<>();
        Matcher m = COMMAND.matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertTrue(readme.contains("./pcistress run") && readme.contains("./pcistress test"), "the two quick-start commands");
        for (String name : List.of("nightly.yml", "pr.yml")) {
            Set<String> used = commands(load(name));
            assertFalse(used.isEmpty(), name + " calls pcistress");
            Set<String> undocumented = new TreeSet<>(used);
            undocumented.removeAll(documented);
            assertEquals(Set.of(), undocumented, name + " calls commands the README does not show");
        }
    }
}
