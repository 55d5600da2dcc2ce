package org.pcistress.tools.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pcistress.tools.cli.ExitCodes;

/**
 * The history check ({@code pcistress history --out history}): the real-world cases replayed on
 * the model, one row each. A case the model no longer agrees with is a regression; the table is
 * shown on the report's index page.
 */
public final class HistoryStep implements JobStep {
    /** The fragment the index page shows. */
    static final String TABLE = "history.html";

    private final Subcommands cli;

    public HistoryStep(Subcommands cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "history";
    }

    @Override
    public int weight(JobPlan plan) {
        return 0;
    }

    /** 32 cases: about 10 s on a loaded two-core machine, a minute is ample. */
    @Override
    public Duration minimum() {
        return Duration.ofMinutes(1);
    }

    @Override
    public StepResult run(StepContext ctx) throws IOException, InterruptedException {
        if (!cli.has("history")) {
            return StepResult.harness("this build has no 'history' command", List.of());
        }
        Path log = ctx.dir().resolve("log.txt");
        Subcommands.Outcome o = cli.run(name(), log, ctx.hardStop(), ctx.progress(), "history", "--out",
                ctx.dir().toString());
        List<StepResult.Link> links = new ArrayList<>();
        if (Files.exists(ctx.dir().resolve("history.md"))) {
            links.add(new StepResult.Link("table", "history/history.md"));
        }
        links.add(new StepResult.Link("log", "history/log.txt"));
        String headline = lastLine(log);
        if (o.timedOut() || (o.code() != ExitCodes.OK && o.code() != ExitCodes.REGRESSION)) {
            return StepResult.harness(o.timedOut() ? "history check killed at the bound" : "history exited " + o.code(),
                    links);
        }
        if (o.code() == ExitCodes.REGRESSION) {
            List<String> rows = new ArrayList<>();
            for (String l : Files.readAllLines(log)) {
                if (l.startsWith("| ") && l.contains("**NO**")) {
                    rows.add(l);
                }
            }
            return new StepResult(ExitCodes.REGRESSION, headline, rows.isEmpty() ? List.of(headline) : rows, List.of(),
                    links);
        }
        return new StepResult(ExitCodes.OK, headline, List.of(), List.of(), links);
    }

    private static String lastLine(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "no output";
        }
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return "no output";
    }
}
