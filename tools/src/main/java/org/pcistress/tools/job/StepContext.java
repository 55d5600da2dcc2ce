package org.pcistress.tools.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a step gets from the job.
 *
 * @param dir      the step's own folder in the report (created)
 * @param plan     what to run: profiles, fixes, budget
 * @param budget   the step's share of the budget: what it passes to a subcommand's own {@code --budget}
 * @param hardStop the bound after which the step's work is killed (its share plus a grace period)
 * @param previous the report to compare with (the previous one in the same parent, or {@code --baseline})
 * @param progress where the step prints its progress
 */
public record StepContext(Path dir, JobPlan plan, Duration budget, Duration hardStop,
                          Optional<Path> previous, Progress progress) {
}
