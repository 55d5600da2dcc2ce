package org.pcistress.tools.stress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pcistress.tools.cli.Durations;
import org.pcistress.tools.cli.ExitCodes;

/**
 * One stress run: starts jcstress under the plan, prints a compact line per configuration that
 * finishes, keeps summary.json current, and judges the run at the end.
 */
final class StressRun {
    /** A configuration may be silent this long at least before its forks count as stuck. */
    private static final Duration MIN_STALL = Duration.ofMinutes(2);

    private final Path jar;
    private final String regex;
    private final List<DeclaredTest> tests;
    private final Map<String, DeclaredTest> byName = new HashMap<>();
    private final RunPlan plan;
    private final Path dir;
    private final PrintWriter out;
    private final OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
    private final long startNanos = System.nanoTime();
    private final ConsoleParser parser = new ConsoleParser(this::finished);
    private int reported;

    StressRun(Path jar, String regex, List<DeclaredTest> tests, RunPlan plan, Path dir, PrintWriter out) {
        this.jar = jar;
        this.regex = regex;
        this.tests = tests;
        this.plan = plan;
        this.dir = dir;
        this.out = out;
        for (DeclaredTest t : tests) {
            byName.put(t.name(), t);
        }
    }

    int run() throws IOException, InterruptedException {
        List<String> command = command();
        out.printf(Locale.ROOT, "pcistress stress: %d tests, budget %s, plan -iters %d -time %d ms (about %s); a fix"
                + " passes on %,d samples or more; in %s%n", tests.size(), Durations.format(plan.budget()),
                plan.iterations(), plan.timeMs(), Durations.format(plan.estimate()), plan.minSamples(), dir);
        if (!plan.fits()) {
            out.printf(Locale.ROOT, "pcistress stress: warning: even the smallest plan may take %s on a loaded machine; "
                    + "the run is cut at %s (exit 3 if it is)%n", Durations.format(plan.estimate()),
                    Durations.format(plan.budget()));
        }
        out.flush();
        write(null, null);
        JcstressProcess p;
        try {
            p = JcstressProcess.start(command, dir, dir.resolve("jcstress.log"), this::line);
        } catch (IOException e) {
            return finish(ProcessEnd.notStarted(e.getMessage()), command);
        }
        Thread hook = new Thread(() -> {
            String why = "the stress command was stopped: "
                    + org.pcistress.tools.cli.Signals.cause().orElse("its process was shut down");
            p.destroy(why);
            synchronized (this) {
                parser.end();
                write(Judge.judge(tests, parser, ProcessEnd.killed(why), plan.minSamples()), command);
            }
        }, "stress-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ProcessEnd end;
        try {
            end = p.await(plan.budget(), stallBound(), this::note);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs: it writes the summary, this thread must not
                Thread.currentThread().join();
            }
        }
        return finish(end, command);
    }

    private int finish(ProcessEnd end, List<String> command) {
        Judgement j;
        synchronized (this) {
            parser.end();
            j = Judge.judge(tests, parser, end, plan.minSamples());
            write(j, command);
        }
        out.println();
        out.print(SummaryWriter.text(summary(j, command)));
        out.println((java.nio.file.Files.isRegularFile(dir.resolve("report/index.html"))
                ? "report: " + dir.resolve("report/index.html") + "  " : "") + "log: " + dir.resolve("jcstress.log"));
        out.flush();
        return j.exitCode();
    }

    private List<String> command() {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-jar");
        c.add(jar.toAbsolutePath().toString());
        c.addAll(plan.jcstressArgs(regex, "report"));
        return c;
    }

    /** Longer than any one configuration may take: four times its planned length, two minutes at least. */
    private Duration stallBound() {
        long perRun = (long) (RunPlan.FORK_S * 1000 + plan.iterations() * (plan.timeMs() + RunPlan.ITERATION_OVERHEAD_S * 1000));
        Duration d = Duration.ofMillis(4 * perRun);
        return d.compareTo(MIN_STALL) < 0 ? MIN_STALL : d;
    }

    private synchronized void line(String l) {
        parser.line(l);
        if (l.startsWith("FATAL") || l.startsWith("Exception in thread") || l.startsWith("pcistress:")) {
            note(l);
        }
    }

    private void note(String l) {
        out.println(l);
        out.flush();
    }

    /** A configuration finished: one compact line, and summary.json brought up to date. */
    private void finished(RunBlock b) {
        reported++;
        int planned = parser.planned() > 0 ? parser.planned() : plan.tests() * plan.configurationsPerTest();
        DeclaredTest t = byName.get(b.test());
        StringBuilder notable = new StringBuilder();
        for (Row r : b.rows()) {
            String expect = t == null ? DeclaredOutcome.fromPrinted(r.expect()) : t.expectOf(r.id());
            boolean bug = t != null && t.bugIds().contains(r.id());
            if (bug || (r.count() > 0 && !expect.equals(DeclaredOutcome.ACCEPTABLE))) {
                notable.append(' ').append(r.id()).append('=').append(String.format(Locale.ROOT, "%,d", r.count()));
                if (r.count() > 0 && (expect.equals(DeclaredOutcome.FORBIDDEN) || expect.equals("UNKNOWN"))) {
                    notable.append("(FORBIDDEN)");
                }
            }
        }
        out.printf(Locale.ROOT, "[%3d/%d %s] %-8s %s %,d samples%s%n", reported, planned,
                Durations.format(elapsed()), b.label(), DeclaredTest.shortName(b.test()), b.samples(), notable);
        out.flush();
        write(null, null);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Writes summary.json/.txt: while running ({@code j == null}) from what has finished so far. */
    private void write(Judgement j, List<String> command) {
        Judgement now = j != null ? j : Judge.judge(tests, parser, ProcessEnd.running(), plan.minSamples());
        RunSummary s = summary(now, command == null ? command() : command);
        if (j == null) {
            s = new RunSummary("RUNNING", "RUNNING", -1, false, "still running", s.started(), null,
                    s.elapsedSeconds(), s.budgetSeconds(), s.estimateSeconds(), s.iterations(), s.timeMs(), s.command(),
                    s.testsExpected(), s.testsRan(), s.plannedConfigurations(), s.configurationsReported(), s.problems(),
                    s.tests());
        }
        try {
            SummaryWriter.write(dir, s);
        } catch (IOException e) {
            note("pcistress: cannot write the summary: " + e.getMessage());
        }
    }

    private RunSummary summary(Judgement j, List<String> command) {
        return new RunSummary("DONE", ExitCodes.name(j.exitCode()), j.exitCode(), j.complete(), j.incompleteBecause(),
                started.toString(), OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Math.round(elapsed().toMillis() / 100.0) / 10.0, plan.budget().toSeconds(), plan.estimate().toSeconds(),
                plan.iterations(), plan.timeMs(), command, j.testsExpected(), j.testsRan(), j.plannedConfigurations(),
                reported, j.problems(), j.tests());
    }
}
