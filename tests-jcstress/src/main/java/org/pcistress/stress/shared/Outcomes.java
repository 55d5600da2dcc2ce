package org.pcistress.stress.shared;

import java.util.List;
import org.pcistress.kernel.Report;
import org.pcistress.kernel.ReportKind;
import org.pcistress.kernel.locking.Kernel;
import org.pcistress.kernel.locking.KernelConfig;

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
    /** The hung-task bound for kernels under jcstress: short, so a lost wake-up fails fast. */
    public static final long HUNG_TASK_MILLIS = 2000;

    private Outcomes() {
    }

    /** The kernel configuration every jcstress sample uses: detector and validator on, a 2 s bound. */
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
                    return backstop.name();
                }
            }
        }
        return failures.get(0).kind().name();
    }
}
