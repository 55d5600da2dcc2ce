package org.pcistress.tools.docs;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pcistress scenario-index [--check] [--root DIR]}. */
@Command(name = "scenario-index", mixinStandardHelpOptions = true,
        description = {"Regenerates the scenario index from the jcstress scenario headers: the README section "
                + "between its SCENARIOS markers and docs/SCENARIOS.md.",
            "Exit: 0 written (or, with --check, up to date), 1 out of date (--check), 2 no markers in README.md."})
public final class ScenarioIndexCommand implements Callable<Integer> {

    @Option(names = "--root", defaultValue = ".", paramLabel = "DIR", description = "the repository (default: .)")
    Path root;

    @Option(names = "--check", description = "write nothing; exit 1 when a committed index differs")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioIndex index = ScenarioIndex.read(root);
        Path readme = root.resolve(ScenarioIndex.README);
        Path scenarios = root.resolve(ScenarioIndex.SCENARIOS);
        String readmeNow = Files.isRegularFile(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";
        String readmeNew;
        try {
            readmeNew = index.spliceInto(readmeNow);
        } catch (IllegalArgumentException e) {
            err.println("pcistress scenario-index: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        String scenariosNew = index.scenariosFile();
        String scenariosNow = Files.isRegularFile(scenarios) ? Files.readString(scenarios, StandardCharsets.UTF_8) : "";
        List<Path> stale = new ArrayList<>();
        if (!readmeNew.equals(readmeNow)) {
            stale.add(readme);
        }
        if (!scenariosNew.equals(scenariosNow)) {
            stale.add(scenarios);
        }
        if (check) {
            stale.forEach(p -> err.println("pcistress scenario-index: " + p + " is out of date: run ./pcistress scenario-index"));
            return stale.isEmpty() ? ExitCodes.OK : ExitCodes.REGRESSION;
        }
        Files.writeString(readme, readmeNew, StandardCharsets.UTF_8);
        Files.createDirectories(scenarios.getParent());
        Files.writeString(scenarios, scenariosNew, StandardCharsets.UTF_8);
        out.println(index.scenarios().size() + " scenarios; " + (stale.isEmpty() ? "already up to date" : "wrote " + stale));
        return ExitCodes.OK;
    }
}
