package org.pcistress.tools.history;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.history.HistoryCase;
import org.pcistress.history.HistoryCases;
import org.pcistress.history.HistoryCheck;
import org.pcistress.history.HistoryRow;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress history}: replays the real-world cases (core's {@code org/pcistress/history/cases.txt})
 * on the model and prints, per case, what history says and what the model says. Any disagreement
 * is exit 1. With {@code --with FIX} every case's profile gets the fix on top: the rows that change
 * are what the fix does to history.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Replays the real-world deadlock and race cases on the profiles where history gave them a "
                + "verdict, and checks the model agrees.",
            "One row a case: case, entry points, profile, what history says (commit, report or 'derived'), what the "
                + "model says, match."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every case matches", "1:a case does not match", "2:bad input (cases file, profile, fix)"})
public final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cases", paramLabel = "FILE", description = "a history file of your own (default: the built-in cases)")
    Path cases;

    @Option(names = "--with", paramLabel = "FIX", description = "add this fix to every case's profile (repeatable)")
    List<String> with = new ArrayList<>();

    @Option(names = "--time-budget", paramLabel = "SECONDS", defaultValue = "120",
            description = "search budget per case (default ${DEFAULT-VALUE})")
    long seconds;

    @Option(names = "--out", paramLabel = "DIR", description = "also write history.md and history.html there")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        List<HistoryCase> all;
        try {
            all = cases == null ? HistoryCases.builtIn()
                    : HistoryCases.parse(Files.readString(cases, StandardCharsets.UTF_8), cases.toString());
        } catch (IOException e) {
            return bad("cannot read " + cases + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        if (seconds <= 0) {
            return bad("--time-budget must be a positive number of seconds, got " + seconds);
        }
        List<HistoryCase> run = new ArrayList<>();
        for (HistoryCase c : all) {
            String p = c.profile() + with.stream().map(f -> "+" + f).reduce("", String::concat);
            run.add(new HistoryCase(c.id(), c.entries(), p, c.says(), c.via(), c.source(), c.line()));
        }
        try {
            for (String f : with) {
                org.pcistress.model.profile.Fixes.named(f);
            }
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        List<HistoryRow> rows = HistoryCheck.onTheModel(seconds).run(run, c -> { });
        String md = HistoryTable.markdown(rows);
        o.print(md);
        o.println();
        o.println(HistoryTable.headline(rows));
        o.flush();
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("history.md"), "# History check\n\n" + HistoryTable.headline(rows) + "\n\n" + md);
            Files.writeString(out.resolve("history.html"), HistoryTable.html(rows));
        }
        return rows.stream().allMatch(HistoryRow::match) ? ExitCodes.OK : ExitCodes.REGRESSION;
    }

    private int bad(String message) {
        return Errors.usage(spec, message);
    }
}
