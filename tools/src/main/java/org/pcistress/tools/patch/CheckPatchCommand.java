package org.pcistress.tools.patch;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pcistress.model.change.ProfileSpecs;
import org.pcistress.model.profile.Profile;
import org.pcistress.model.profile.Profiles;
import org.pcistress.tools.cli.BadInput;
import org.pcistress.tools.cli.Errors;
import org.pcistress.tools.cli.ExitCodes;
import org.pcistress.tools.matrix.MatrixSearchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pcistress check-patch PATCH [--base PROFILE…]}: the lock change a kernel patch makes, and
 * what it introduces and fixes on each base profile.
 */
@Command(name = "check-patch", mixinStandardHelpOptions = true,
        description = {
            "Read a kernel patch (git format-patch or git diff), derive the lock change it makes to the functions "
                    + "the model follows, print it in the .lock format, then compare the matrix of each base profile "
                    + "with and without it: what the patch introduces and what it fixes, with counterexamples.",
            "",
            "Per hunk: the enclosing function (hunk header, or a definition inside the hunk); the lock and unlock "
                    + "calls added and removed (pci_lock_rescan_remove, device_lock or mutex_lock on a struct device's "
                    + "mutex, down_read/down_write/up_* on pci_bus_sem or pciehp's ctrl->reset_lock, "
                    + "pci_cfg_access_lock, mutex_lock on pci_rescan_remove_lock or rpc_mutex; _nested read as the "
                    + "plain call); which calls the model knows each lock brackets (around one call, the whole body, "
                    + "or an existing lock: then outermost); locks of one function swapped while they bracket the "
                    + "same calls (an 'order' line: pci_dev_lock, with pci_dev_trylock and pci_dev_unlock checked to "
                    + "change in step); a caller's lock let go of around a call and taken again (pciehp's reset_lock "
                    + "around binding and unbinding); calls switched to a known lock-free variant "
                    + "(eeh_pe_bus_get_nolock).",
            "",
            "Never guessed: a lock line in a function or file the model does not follow, a trylock outside "
                    + "pci_dev_trylock, a pci_dev_lock call added or removed, a lock under an unbraced if, a lock and "
                    + "unlock in different blocks or hunks, a reorder that also moves a lock across a call, an "
                    + "unknown mutex, a lockdep assertion is listed as not mapped, with the reason; the patch is then "
                    + "refused (exit 2) unless --accept-partial. A base the change does not apply to (it drops a lock "
                    + "the base does not take, takes one it already takes, or orders locks as the base already "
                    + "does) is skipped and said so. A cell the base could not even set up, which the patch makes "
                    + "reachable and which fails only with bugs the base shows in other cells, is 'made reachable', "
                    + "not introduced. git format-patch -W (whole functions) gives it the most to read. Relative "
                    + "paths are relative to the directory you run it in.",
            "",
            "The .lock format (README, \"Lock changes as data\"): name, cite, gives-up, then lines like "
                    + "'in sriov_numvfs_store: take pci_rescan_remove_lock around sriov_configure'.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing introduced on any base (made reachable is not introduced)",
            "1:the patch introduces a failure on a base",
            "2:unusable patch: not a diff, no lock change, lines not mapped (without --accept-partial), "
                    + "no base it applies to, or bad options",
            "3:harness failure (the --write-lock file cannot be written, a crash)"})
public final class CheckPatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATCH", description = "the patch file, or - for standard input")
    String patch;

    @Option(names = "--base", paramLabel = "PROFILE", description = "a profile spec to check on, repeatable "
            + "(default: the newest profile); may carry fixes and .lock files (v6.19+./revert.lock)")
    List<String> bases = new ArrayList<>();

    @Option(names = "--accept-partial", description = "check the lines that were mapped even if some were not "
            + "(the report still lists them)")
    boolean acceptPartial;

    @Option(names = "--derive-only", description = "print the lock change and stop: no matrix")
    boolean deriveOnly;

    @Option(names = "--write-lock", paramLabel = "FILE", description = "also write the lock change to FILE "
            + "(load it with --profile BASE+FILE)")
    Path writeLock;

    @Mixin
    MatrixSearchOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        UnifiedDiff diff;
        List<Profile> profiles = new ArrayList<>();
        MatrixSearchOptions.Search search;
        try {
            diff = UnifiedDiff.parse(read());
            if (bases.isEmpty()) {
                bases.add(newest());
            }
            search = options.resolve(bases.toArray(String[]::new));
            for (String b : bases) {
                profiles.add(ProfileSpecs.named(b));
            }
        } catch (BadPatch | BadInput | IllegalArgumentException | IOException e) {
            return Errors.usage(spec, e.getMessage());
        }
        Mapping m = PatchMapper.map(diff, name(diff), cite(diff));
        out.print(Report.mapping(patch, diff, m));
        out.flush();
        if (m.change().ops().isEmpty() && m.complete()) {
            return Errors.usage(spec, "the patch changes no lock in a function the model follows");
        }
        if (!m.complete() && !acceptPartial) {
            return Errors.usage(spec, m.unmapped().size() + " lock-related line(s) not mapped (listed above); "
                    + "--accept-partial checks the rest");
        }
        if (m.change().ops().isEmpty()) {
            return Errors.usage(spec, "nothing mapped: no lock change left to check");
        }
        if (writeLock != null) {
            try {
                Files.writeString(writeLock, m.change().text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Errors.print(spec, "cannot write " + writeLock + ": " + e.getMessage(), ExitCodes.HARNESS);
            }
        }
        if (deriveOnly) {
            return ExitCodes.OK;
        }
        String lockSpec = writeLock != null ? writeLock.toString() : m.change().name() + ".lock";
        Verdicts v = Verdicts.run(m.change(), search.targets(), profiles, lockSpec, search.cells(), search.options(),
                search.proofExecutions(),
                line -> {
                    err.println(line);
                    err.flush();
                });
        out.print(v.text());
        out.flush();
        if (v.applied() == 0) {
            return Errors.usage(spec, "the change applies to none of the bases (" + String.join(", ", bases) + ")");
        }
        return v.introduced() ? ExitCodes.REGRESSION : ExitCodes.OK;
    }

    private String read() throws IOException {
        if (patch.equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path p = ProfileSpecs.file(patch);
        if (!Files.isRegularFile(p)) {
            throw new IOException("no such patch file: " + patch);
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /** The newest profile: the last one registered. */
    static String newest() {
        List<Profile> all = Profiles.all();
        return all.get(all.size() - 1).name();
    }

    /** A fix name from the subject ({@code pci-iov-fix-race-between-…}), else the file name. */
    private String name(UnifiedDiff d) {
        String base = !d.subject().isBlank() ? d.subject()
                : patch.equals("-") ? "patch" : Path.of(patch).getFileName().toString().replaceFirst("\\.(patch|diff)$", "");
        String slug = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        while (slug.length() > 48 && slug.contains("-")) {
            slug = slug.substring(0, slug.lastIndexOf('-'));
        }
        return slug.isEmpty() || !Character.isLetterOrDigit(slug.charAt(0)) ? "patch" : slug;
    }

    private static String cite(UnifiedDiff d) {
        String s = d.subject().isBlank() ? "" : "\"" + d.subject() + "\"";
        return d.commit().isBlank() ? s : (d.commit().substring(0, Math.min(12, d.commit().length())) + " " + s).strip();
    }
}
