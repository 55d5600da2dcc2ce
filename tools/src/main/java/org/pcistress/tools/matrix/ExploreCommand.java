package org.pcistress.tools.matrix;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.Replay;
import org.pcistress.explore.Schedule;
import org.pcistress.explore.matrix.CellPlan;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.PciTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress explore --scenario bind_pf+aer --profile v4.14}: every schedule of one scenario
 * within the preemption bound ({@code --preemptions unbounded}: every schedule); the shortest
 * counterexample of each failure kind, or a proof for the bound or for all schedules. With
 * {@code --replay SCHEDULE}, one execution on that schedule.
 */
@Command(name = "explore", mixinStandardHelpOptions = true,
        description = "Explore every schedule of one scenario (entry points joined by '+': one, two, three, ...).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no failure", "1:a failure was found", "2:bad input"})
public final class ExploreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "e.g. bind_pf+aer, remove_pf, reset_pf+numvfs_n+numvfs_read")
    String scenario;

    @Option(names = "--profile", required = true, paramLabel = "SPEC", description = "e.g. v4.14, v7.0+list-snapshot")
    String profile;

    @Option(names = "--lockdep", paramLabel = "FLAVOUR", defaultValue = "pcistress",
            description = "whose lockdep predicts beside the verdict: pcistress, kernel (what the kernel's lockdep would print)"
                    + " or both (default ${DEFAULT-VALUE})")
    String lockdep;

    @Option(names = "--preemptions", paramLabel = "N", defaultValue = "2",
            description = "preemption bound, or 'unbounded' for every schedule (default ${DEFAULT-VALUE})")
    String preemptions;

    @Option(names = "--dpor", description = "reduce by DPOR: one schedule per class of equivalent ones, within the bound"
            + " (bounded DPOR) or without it (a finished search is a proof for all schedules); see docs/EXPLORER.md")
    boolean dpor;

    @Option(names = "--every-race", description = "with --dpor: reverse every race, also a sleeping wait's with the step"
            + " that granted it (by default a granted wait counts once; see docs/EXPLORER.md)")
    boolean everyRace;

    @Option(names = "--replay", paramLabel = "SCHEDULE", description = "run one execution on this schedule (0.0.1.1 or 0x2.1x2)")
    String replay;

    @Option(names = "--first", description = "stop at the first failure instead of searching for the shortest")
    boolean first;

    @Option(names = "--time-budget", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "wall-clock budget, e.g. 60s, 5m (default ${DEFAULT-VALUE})")
    Duration budget;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            PciTarget target = Inputs.target(profile, lockdep);
            List<Entry> cell = Inputs.cell(scenario);
            ExploreOptions o = Inputs.options(Inputs.preemptions(preemptions), first, budget);
            if (everyRace && !dpor) {
                return bad("--every-race needs --dpor");
            }
            if (dpor) {
                o = o.withDpor().withMergeGrantedWaits(!everyRace);
            }
            CellPlan plan = target.plan(cell);
            out.println("scenario " + plan.scenario().name() + "; initial state: " + plan.initialState());
            if (replay != null) {
                return replay(out, plan, o);
            }
            ExploreResult r = Explorer.explore(plan.scenario(), o);
            out.print(r.summary());
            for (Counterexample c : r.counterexamples().values()) {
                out.println();
                out.print(c.text());
                out.println("./pcistress explore --scenario " + scenario + " --profile " + profile
                        + " --replay " + c.schedule().compact());
            }
            out.flush();
            return r.failed() ? ExitCodes.REGRESSION : ExitCodes.OK;
        } catch (BadInput e) {
            return bad(e.getMessage());
        }
    }

    private int replay(PrintWriter out, CellPlan plan, ExploreOptions o) {
        Schedule s;
        try {
            Inputs.scheduleLength(replay, o.maxSteps());
            s = Schedule.parse(replay);
        } catch (IllegalArgumentException | BadInput e) {
            return bad(e.getMessage());
        }
        Replay r;
        try {
            r = Explorer.replay(plan.scenario(), s, o);
        } catch (IllegalArgumentException e) {
            return bad(e.getMessage());
        }
        out.println("replay " + r.schedule().compact() + ": " + r.verdict());
        out.println();
        out.print(r.failed() ? r.counterexample().text() : r.table());
        out.flush();
        return r.failed() ? ExitCodes.REGRESSION : ExitCodes.OK;
    }

    private int bad(String message) {
        return Errors.usage(spec, message);
    }
}
