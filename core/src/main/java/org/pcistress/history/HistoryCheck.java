package org.pcistress.history;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pcistress.explore.Counterexample;
import org.pcistress.explore.ExploreOptions;
import org.pcistress.explore.ExploreResult;
import org.pcistress.explore.Explorer;
import org.pcistress.explore.matrix.CellPlan;
import org.pcistress.explore.matrix.Entry;
import org.pcistress.explore.matrix.MatrixTarget;
import org.pcistress.explore.matrix.PciTarget;

/**
 * Replays history's cases on the model and says, for each, whether the model agrees. A case that
 * says OK needs a search that ran every schedule within the bound and found nothing; a case that
 * says a failure needs a counterexample of that kind that passes through the case's functions: the
 * first failing schedule if it is one, otherwise every schedule within the bound is searched.
 */
public final class HistoryCheck {
    private final Function<String, MatrixTarget> targets;
    private final ExploreOptions options;

    /**
     * @param targets the model under a profile spec ({@code PciTarget::new}; a test may hand in a
     *                changed profile to show that a row breaks)
     * @param options the search bound and budget; its stop mode is chosen per case
     */
    public HistoryCheck(Function<String, MatrixTarget> targets, ExploreOptions options) {
        this.targets = targets;
        this.options = options;
    }

    /** The model's own profiles, 2 preemptions, {@code seconds} of search at most per case. */
    public static HistoryCheck onTheModel(long seconds) {
        return new HistoryCheck(PciTarget::new,
                ExploreOptions.defaults().withTimeBudget(java.time.Duration.ofSeconds(seconds)));
    }

    /** Every case in order; {@code progress} hears of each before it runs. */
    public List<HistoryRow> run(List<HistoryCase> cases, Consumer<HistoryCase> progress) {
        List<HistoryRow> rows = new ArrayList<>();
        for (HistoryCase c : cases) {
            progress.accept(c);
            rows.add(check(c));
        }
        return rows;
    }

    /** One case. */
    public HistoryRow check(HistoryCase c) {
        long start = System.nanoTime();
        CellPlan plan;
        try {
            MatrixTarget target = targets.apply(c.profile());
            plan = target.plan(cell(target, c));
        } catch (IllegalArgumentException e) {
            return new HistoryRow(c, "error: " + e.getMessage(), false, false, "the case cannot run", ms(start));
        }
        if (c.saysOk()) {
            ExploreResult r = Explorer.explore(plan.scenario(), options.withStop(ExploreOptions.Stop.MINIMAL));
            String why = r.failed() ? "the model fails where history says nothing does"
                    : r.exhausted() ? "" : "the search did not finish (" + r.stopReason() + "): no proof";
            return new HistoryRow(c, r.verdict(), r.exhausted(), why.isEmpty(), why, ms(start));
        }
        ExploreResult r = Explorer.explore(plan.scenario(), options.withStop(ExploreOptions.Stop.FIRST));
        if (!agrees(c, r)) {
            r = Explorer.explore(plan.scenario(), options.withStop(ExploreOptions.Stop.MINIMAL));
        }
        String why = agrees(c, r) ? "" : disagreement(c, r);
        return new HistoryRow(c, r.verdict(), r.exhausted(), why.isEmpty(), why, ms(start));
    }

    private static List<Entry> cell(MatrixTarget target, HistoryCase c) {
        List<Entry> out = new ArrayList<>();
        for (String id : c.entries()) {
            Entry e = target.entries().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown entry point '" + id + "'"));
            out.add(e);
        }
        return out;
    }

    /**
     * A counterexample of an accepted kind that passes through every function the case names (a frame
     * of its table or of its report's call chain, matched as a whole word).
     */
    static boolean agrees(HistoryCase c, ExploreResult r) {
        for (Counterexample x : r.counterexamples().values()) {
            if (c.accepts(x.kind()) && passesThrough(x, c.via())) {
                return true;
            }
        }
        return false;
    }

    private static boolean passesThrough(Counterexample x, List<String> via) {
        String text = x.text();
        return via.stream().allMatch(f -> java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(f) + "\\b")
                .matcher(text).find());
    }

    private static String disagreement(HistoryCase c, ExploreResult r) {
        for (Counterexample x : r.counterexamples().values()) {
            if (c.accepts(x.kind())) {
                return x.kind() + " found, but not through " + String.join(" and ", c.via());
            }
        }
        if (!r.failed()) {
            return r.exhausted() ? "no schedule within the bound fails" : "nothing found before the " + r.stopReason();
        }
        return "the model finds " + r.verdict() + ", not " + c.says();
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
