package org.pcistress.tools.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.model.change.ProfileSpecs;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.ParseResult;

/**
 * Paths the user gives are relative to the directory they ran pcistress in, though
 * {@code ./pcistress} runs Java in the checkout (so that the documented defaults, {@code reports/},
 * {@code stress-results/}, the jars under {@code target/}, stay where the README says). The wrapper
 * passes that directory as {@link ProfileSpecs#CALLER_DIR}; every {@code Path} option and parameter
 * given on the command line is resolved against it here, before the command runs. Defaults are
 * not: they stay relative to the checkout. String arguments that may be files (a patch, a
 * matrix.json for matrix-diff, a .lock file in a profile spec) go through
 * {@link ProfileSpecs#file} where they are read.
 */
public final class UserPaths {
    private UserPaths() {
    }

    /** Resolves the {@code Path} arguments the user gave, in the command and its subcommands. */
    public static void rebase(ParseResult parsed) {
        for (ParseResult r = parsed; r != null; r = r.subcommand()) {
            for (ArgSpec a : r.matchedArgs()) {
                Object v = a.getValue();
                if (v instanceof Path p) {
                    a.setValue(ProfileSpecs.file(p.toString()));
                } else if (v instanceof List<?> l && a.auxiliaryTypes().length > 0 && a.auxiliaryTypes()[0] == Path.class) {
                    List<Path> out = new ArrayList<>();
                    l.forEach(x -> out.add(ProfileSpecs.file(x.toString())));
                    a.setValue(out);
                }
            }
        }
    }
}
