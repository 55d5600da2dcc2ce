package org.pcistress.model.entry;

import java.util.Objects;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * An entry point written outside core, against the model's public API: a name, the task it runs as
 * (the kernel context: {@code reset_store}, {@code irq/25-pciehp}), the boot state it needs, and a
 * body. The body takes locks through {@code sys.core().locked(path, dev, body)} on a
 * {@link org.pcistress.model.profile.KernelPath} or a {@link org.pcistress.model.profile.UserPath},
 * so fixes reorder them like the kernel's own. Installed through {@link EntryVariants}, it is a
 * matrix row, an {@code explore --scenario} name and a jcstress race like the built-in ones.
 *
 * @param id    the name in cells and on the command line ({@code my_reset}); one word, no {@code +}
 * @param title what it does
 * @param task  the task it runs as
 * @param needs the boot state it needs, from the state the other entry of a cell needs
 *              ({@code BootState::withVfsEnabled}, {@code s -> s}); {@code null} keeps it out of the matrix
 * @param body  the entry point: 0, a negative errno
 */
public record UserEntryPoint(String id, String title, String task, UnaryOperator<BootState> needs,
                             ToIntFunction<PciSystem> body) implements Trigger {
    public UserEntryPoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(body, "body");
        if (id.isBlank() || id.contains("+") || id.contains(" ") || id.contains(",")) {
            throw new IllegalArgumentException("an entry point id is one word without '+' or ',': " + id);
        }
    }

    @Override
    public boolean inMatrix() {
        return needs != null;
    }

    @Override
    public BootState needs(BootState s) {
        if (needs == null) {
            throw new IllegalStateException(id + " is not a matrix entry point");
        }
        return needs.apply(s);
    }

    /** Runs the body as task {@link #task()}; a kernel bug becomes {@link EntryPoints#KERNEL_BUG}, its report kept. */
    @Override
    public int run(PciSystem sys) {
        return sys.entry().runTask(task, () -> body.applyAsInt(sys));
    }
}
