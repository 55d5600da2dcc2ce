package org.pcistress.tools.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.pcistress.tools.cli.ReportFiles;

/**
 * What the steps that run a pcistress command share: the step is named for its command ({@code matrix},
 * {@code stress}, {@code bench}), runs it through {@link Subcommands}, and links the files it wrote.
 */
abstract class SubcommandStep implements JobStep {
    private final String command;
    final Subcommands cli;

    SubcommandStep(String command, Subcommands cli) {
        this.command = command;
        this.cli = cli;
    }

    /** The step's name, which is also its command's. */
    @Override
    public final String name() {
        return command;
    }

    /** A harness failure when this build lacks the command (a branch not merged yet), else empty. */
    final Optional<StepResult> missing() {
        return cli.has(command) ? Optional.empty()
                : Optional.of(StepResult.harness("this build has no '" + command + "' command", List.of()));
    }

    /** A link to {@code file}, relative to the report folder. */
    static StepResult.Link link(String label, StepContext ctx, Path file) {
        return new StepResult.Link(label, ReportFiles.rel(ctx.dir(), file));
    }
}
