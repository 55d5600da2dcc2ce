package org.pcistress.tools.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.stress.DeclaredTest;
import org.pcistress.tools.stress.HeaderRules;
import org.pcistress.tools.stress.ScenarioCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pcistress scenario-index [--check] [--root DIR]}. */
@Command(name = "scenario-index", mixinStandardHelpOptions = true,
        description = {"Regenerates the scenario index from the jcstress scenario headers: the README section "
                + "between its SCENARIOS markers and docs/SCENARIOS.md.",
            "--check writes nothing: it checks that both are current, that docs/STRESS.md's index agrees, and runs the "
                + "header rules (docs/STRESS.md, \"The header grammar\") on every scenario against the outcomes jcstress "
                + "lists for it (tests-jcstress/target/classes/META-INF/TestList: build the scenarios first)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written (or, with --check, all current and every header agrees with its outcomes)",
            "1:out of date or a header rule broken (--check)",
            "2:no markers in README.md, or the scenarios not built (--check)"})
public final class ScenarioIndexCommand implements Callable<Integer> {

    @Option(names = "--root", defaultValue = ".", paramLabel = "DIR", description = "the repository (default: .)")
    Path root;

    @Option(names = "--check", description = "write nothing; exit 1 when an index is stale or a header rule is broken")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioIndex index = ScenarioIndex.read(root);
        Path readme = root.resolve(ScenarioIndex.README);
        Path scenarios = root.resolve(ScenarioIndex.SCENARIOS);
        String readmeNow = read(readme);
        String readmeNew;
        try {
            readmeNew = index.spliceInto(readmeNow);
        } catch (IllegalArgumentException e) {
            return Errors.usage(spec, e.getMessage());
        }
        String scenariosNew = index.scenariosFile();
        List<String> problems = new ArrayList<>();
        List<Path> stale = new ArrayList<>();
        if (!readmeNew.equals(readmeNow)) {
            stale.add(readme);
        }
        if (!scenariosNew.equals(read(scenarios))) {
            stale.add(scenarios);
        }
        if (check) {
            stale.forEach(p -> problems.add(p + " is out of date: run ./pcistress scenario-index"));
            Map<String, DeclaredTest> listed = ScenarioCatalog.testList(root);
            if (listed.isEmpty()) {
                return Errors.usage(spec, "no " + root.resolve(ScenarioCatalog.TEST_LIST) + ": build the scenarios first"
                        + " (mvn -B -q -pl core,tests-jcstress -am compile)");
            }
            problems.addAll(HeaderRules.checkAll(ScenarioCatalog.read(root.resolve(ScenarioCatalog.SOURCES), listed), listed));
            problems.addAll(index.stressMdDrift(read(root.resolve(ScenarioIndex.STRESS))));
            problems.forEach(p -> Errors.print(spec, p, ExitCodes.REGRESSION));
            if (problems.isEmpty()) {
                out.println(index.scenarios().size() + " scenarios, " + listed.size()
                        + " variants: the indexes are current and every header agrees with its outcomes");
            }
            return problems.isEmpty() ? ExitCodes.OK : ExitCodes.REGRESSION;
        }
        Files.writeString(readme, readmeNew, StandardCharsets.UTF_8);
        Files.createDirectories(scenarios.getParent());
        Files.writeString(scenarios, scenariosNew, StandardCharsets.UTF_8);
        out.println(index.scenarios().size() + " scenarios; " + (stale.isEmpty() ? "already up to date" : "wrote " + stale));
        return ExitCodes.OK;
    }

    private static String read(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
