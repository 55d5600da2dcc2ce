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
    private static final Pattern PINNED = Pattern.compile("([\\w.-]+/[\\w.-]+)(?:/[\\w./-]+)?@v(\\d+)");
    /**
     * The oldest major each action may be on: the first on the Node 24 runtime (v4s ran on Node 20,
     * which runners dropped), or later where a later major is current and used here.
     */
    private static final Map<String, Integer> MIN_MAJOR = Map.of("actions/checkout", 7, "actions/setup-java", 5,
            "actions/cache", 5, "actions/upload-artifact", 7, "actions/download-artifact", 8);

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
    void everyActionIsGitHubsOwnPinnedToACurrentMajor() throws IOException {
        for (String name : List.of("nightly.yml", "pr.yml")) {
            for (Map<Object, Object> step : steps(load(name))) {
                Object uses = step.get("uses");
                if (uses != null) {
                    Matcher m = PINNED.matcher(uses.toString());
                    assertTrue(m.matches(), name + ": " + uses + " is not pinned to @vN");
                    assertTrue(uses.toString().startsWith("actions/"), name + ": " + uses + " is not one of GitHub's");
                    Integer min = MIN_MAJOR.get(m.group(1));
                    assertTrue(min != null, name + ": " + uses + " has no minimum major in this test: add it");
                    assertTrue(Integer.parseInt(m.group(2)) >= min, name + ": " + uses + " is older than v" + min);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> job(Map<Object, Object> wf, String name) {
        return (Map<Object, Object>) ((Map<Object, Object>) wf.get("jobs")).get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<Object, Object>> jobSteps(Map<Object, Object> wf, String name) {
        return (List<Map<Object, Object>>) job(wf, name).get("steps");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> with(Map<Object, Object> step) {
        return (Map<Object, Object>) step.getOrDefault("with", Map.of());
    }

    private static boolean uses(Map<Object, Object> step, String action) {
        return String.valueOf(step.get("uses")).startsWith(action + "@");
    }

    @Test
    void theNightlyBuildsOnceAndEveryJobRunsOnThoseJars() throws IOException {
        Map<Object, Object> wf = load("nightly.yml");
        assertTrue(jobSteps(wf, "build").stream().anyMatch(s -> String.valueOf(s.get("run")).contains("./pcistress --version")),
                "the build job builds through the wrapper script (./mvnw, the commit recorded) and prints the version");
        Map<Object, Object> upload = jobSteps(wf, "build").stream().filter(s -> uses(s, "actions/upload-artifact"))
                .findFirst().orElseThrow();
        assertEquals("jars", with(upload).get("name"));
        for (String jar : List.of("tools/target/pcistress.jar", "tests-jcstress/target/jcstress.jar",
                "benchmarks-jmh/target/benchmarks.jar")) {
            assertTrue(String.valueOf(with(upload).get("path")).contains(jar), jar);
        }
        for (String consumer : List.of("stress", "main")) {
            assertTrue(String.valueOf(job(wf, consumer).get("needs")).contains("build"), consumer + " needs build");
            List<Map<Object, Object>> steps = jobSteps(wf, consumer);
            int download = indexOf(steps, s -> uses(s, "actions/download-artifact") && "jars".equals(with(s).get("name")));
            int pcistress = indexOf(steps, s -> String.valueOf(s.get("run")).contains("./pcistress "));
            assertTrue(download >= 0 && download < pcistress, consumer + " downloads the jars before it runs pcistress");
            assertFalse(steps.stream().anyMatch(s -> "maven".equals(with(s).get("cache"))),
                    consumer + " builds nothing, so it restores no Maven cache");
        }
    }

    private static int indexOf(List<Map<Object, Object>> steps, java.util.function.Predicate<Map<Object, Object>> p) {
        for (int i = 0; i < steps.size(); i++) {
            if (p.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theVerdictGoesToTheRunPageAndTheReportsAreKept() throws IOException {
        Map<Object, Object> nightly = load("nightly.yml");
        List<Map<Object, Object>> main = jobSteps(nightly, "main");
        assertTrue(main.stream().anyMatch(s -> String.valueOf(s.get("run")).contains(
                "cat \"${{ steps.run.outputs.report }}/summary.md\" >> \"$GITHUB_STEP_SUMMARY\"")
                && String.valueOf(s.get("if")).contains("always()")), "the report's summary.md on the run page, red or green");
        assertTrue(main.stream().anyMatch(s -> uses(s, "actions/upload-artifact")
                && String.valueOf(with(s).get("path")).endsWith("junit.xml") && String.valueOf(s.get("if")).contains("always()")),
                "the JUnit XML files are kept");
        Map<Object, Object> save = main.stream().filter(s -> uses(s, "actions/cache/save")).findFirst().orElseThrow();
        assertEquals("steps.run.outputs.code == '0'", save.get("if"), "only a green night becomes the next baseline");

        Map<Object, Object> pr = load("pr.yml");
        Map<Object, Object> reports = jobSteps(pr, "test").stream().filter(s -> uses(s, "actions/upload-artifact"))
                .findFirst().orElseThrow();
        assertTrue(String.valueOf(reports.get("if")).matches("failure\\(\\)|always\\(\\)"), "kept when the test job fails");
        String paths = String.valueOf(with(reports).get("path"));
        assertTrue(paths.contains("**/target/surefire-reports") && paths.contains("target/ci-stress"), paths);
        assertTrue(runs(pr).contains(">> \"$GITHUB_STEP_SUMMARY\""), "the matrix diffs on the PR's run page");
        String prRuns = runs(pr);
        int groups = prRuns.split("::group::", -1).length - 1;
        int ends = prRuns.split("::endgroup::", -1).length - 1;
        assertTrue(groups >= 1 && ends >= groups, "the per-cell lines of each matrix are folded and the group closed");
    }

    @Test
    void theBenchmarksAreAlsoComparedWithTheWeeksPinnedBaseline() throws IOException {
        List<Map<Object, Object>> main = jobSteps(load("nightly.yml"), "main");
        int restore = indexOf(main, s -> uses(s, "actions/cache/restore") && "pin".equals(with(s).get("path")));
        int run = indexOf(main, s -> String.valueOf(s.get("run")).contains("./pcistress run "));
        int save = indexOf(main, s -> uses(s, "actions/cache/save") && "pin".equals(with(s).get("path")));
        assertTrue(restore >= 0 && restore < run && run < save, "restored before the run, saved after it");
        assertTrue(String.valueOf(main.get(run).get("run")).contains("--pinned-baseline"), "the run is given the pin");
        String key = String.valueOf(with(main.get(restore)).get("key"));
        assertEquals(key, String.valueOf(with(main.get(save)).get("key")), "one key: the week's");
        assertEquals("steps.run.outputs.code == '0' && steps.pin.outputs.cache-hit != 'true'", main.get(save).get("if"),
                "only a green night becomes the pin, and only when the week has none yet");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dependabotWatchesTheActionsAndTheMavenBuild() throws IOException {
        Map<Object, Object> d = new Yaml().load(Files.readString(root.resolve(".github/dependabot.yml")));
        assertEquals(2, d.get("version"));
        Set<String> ecosystems = new TreeSet<>();
        for (Map<Object, Object> u : (List<Map<Object, Object>>) d.get("updates")) {
            ecosystems.add(String.valueOf(u.get("package-ecosystem")));
            assertEquals("/", u.get("directory"));
        }
        assertEquals(Set.of("github-actions", "maven"), ecosystems);
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
