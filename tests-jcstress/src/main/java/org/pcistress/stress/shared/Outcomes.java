package org.pcistress.stress.shared;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;
import org.pcistress.model.entry.Verdict;

/**
 * Turns what one sample's {@link Kernel} found into the single word a jcstress {@code @Arbiter}
 * records. The word is a {@link ReportKind} name, or {@code OK} when the kernel found no failure.
 *
 * <p>When a sample found several failures, the harness's own backstops win: {@code HUNG_TASK}
 * (a wait the detector could not explain) before {@code LOCKING_BUG} (a misused primitive), then
 * the first failure in the order it was found. Lockdep's predictions are not failures and never
 * decide the word.
 */
public final class Outcomes {
    /**
     * The hung-task bound for kernels under jcstress. Short, so a lost wake-up fails fast, yet
     * above what scheduling alone can cause: on the shared 2-core box (load 10 and more) a 2 s
     * bound once reported 2 HUNG_TASKs in 194,301 samples of a variant no cycle can explain
     * (SRIOV_01's fix, a kworker started under load), and none in 315,785 samples after.
     */
    public static final long HUNG_TASK_MILLIS = 5000;

    // The descriptions every scenario shares, as compile-time constants an @Outcome's desc can use.

    /** {@code HUNG_TASK}, forbidden in every variant: the wait-for detector is the primary check. */
    public static final String HUNG_TASK_DESC =
            "A wait hit the hung-task backstop: a cycle the detector missed, or a lost wake-up.";
    /** {@code LOCKING_BUG}, forbidden unless a variant says what misuse it expects. */
    public static final String LOCKING_BUG_DESC = "A primitive was misused (bad unlock, lock held at exit).";
    /** The catch-all outcome (no id), always forbidden. */
    public static final String OTHER_DESC = "Any other report: a failure this race cannot produce.";
    /** Appended to a bug's description where a variant forbids it: {@code DESC + FORBIDDEN_HERE}. */
    public static final String FORBIDDEN_HERE = " Forbidden here.";

    private static final int MAX_DIAGNOSED = 3;
    private static final AtomicInteger DIAGNOSED = new AtomicInteger();

    private Outcomes() {
    }

    /** The kernel configuration every jcstress sample uses: detector and validator on, a 5 s bound. */
    public static KernelConfig config() {
        return KernelConfig.defaults().withHungTaskMillis(HUNG_TASK_MILLIS);
    }

    /** The outcome word for everything {@code kernel} reported. */
    public static String of(Kernel kernel) {
        List<Report> failures = kernel.failures();
        if (failures.isEmpty()) {
            return "OK";
        }
        for (ReportKind backstop : new ReportKind[] {ReportKind.HUNG_TASK, ReportKind.LOCKING_BUG}) {
            for (Report r : failures) {
                if (r.kind() == backstop) {
                    diagnose(r);
                    return backstop.name();
                }
            }
        }
        return failures.get(0).kind().name();
    }

    /** The outcome word of a model run: {@link Verdict#outcome()}, backstop reports printed. */
    public static String of(Verdict verdict) {
        for (Report r : verdict.reports()) {
            if (r.kind() == ReportKind.HUNG_TASK || r.kind() == ReportKind.LOCKING_BUG) {
                diagnose(r);
            }
        }
        return verdict.outcome();
    }

    /**
     * Prints a backstop report (never expected in any variant) to stderr, at most
     * {@value #MAX_DIAGNOSED} per forked VM: jcstress keeps a fork's output and shows it under
     * "VM error stream", so the nightly's log says what hung, not only that something did.
     */
    private static void diagnose(Report r) {
        if (DIAGNOSED.getAndIncrement() < MAX_DIAGNOSED) {
            System.err.println(r.text());
        }
    }
}
