package org.pcistress.tools.job;

import java.util.List;
import org.pcistress.tools.cli.ExitCodes;

/**
 * What a step found.
 *
 * @param code        an {@link ExitCodes} value
 * @param headline    one line for the index: what the step ran and what it found
 * @param regressions lines that make the run a regression (code 1) or a harness failure (code 3)
 * @param news        what changed since the previous report that is not a regression
 * @param links       the step's files, relative to the report folder
 */
public record StepResult(int code, String headline, List<String> regressions, List<String> news, List<Link> links) {

    /** A labelled link to a file of the report. */
    public record Link(String label, String path) {
    }

    public StepResult {
        regressions = List.copyOf(regressions);
        news = List.copyOf(news);
        links = List.copyOf(links);
    }

    /** A harness failure with one reason. */
    public static StepResult harness(String reason, List<Link> links) {
        return new StepResult(ExitCodes.HARNESS, reason, List.of(reason), List.of(), links);
    }
}
