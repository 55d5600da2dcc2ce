package org.pcistress.tools.job;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pcistress.tools.job.Specs.Spec;

/**
 * What one run of the main job does: checked before anything runs.
 *
 * @param profiles  the profiles in version order (each may carry fixes already)
 * @param fixes     the fixes tried on the newest profile, one at a time
 * @param budget    the total budget
 * @param parent    the folder that holds the dated report folders
 * @param baseline  {@code --baseline}: a report folder, or a bench results.json
 * @param skip      the steps not to run
 * @param stressFrom {@code --stress-from}: a jcstress result already run (the merged CI shards), used instead of a run
 * @param pinned    {@code --pinned-baseline}: a report folder or a bench results.json the benchmarks are
 *                  also compared with (creep)
 */
public record JobPlan(List<Spec> profiles, List<String> fixes, Duration budget, Path parent,
                      Optional<Path> baseline, Set<String> skip, Optional<Path> stressFrom, Optional<Path> pinned) {

    /** A plan without a pinned baseline. */
    public JobPlan(List<Spec> profiles, List<String> fixes, Duration budget, Path parent,
                   Optional<Path> baseline, Set<String> skip, Optional<Path> stressFrom) {
        this(profiles, fixes, budget, parent, baseline, skip, stressFrom, Optional.empty());
    }

    public JobPlan {
        profiles = List.copyOf(profiles);
        fixes = List.copyOf(fixes);
        skip = Set.copyOf(skip);
    }

    /** Every spec the matrix runs: each profile, then the newest profile with each fix. */
    public List<Spec> matrixSpecs() {
        List<Spec> all = new ArrayList<>(profiles);
        if (!profiles.isEmpty()) {
            Spec newest = profiles.get(profiles.size() - 1);
            for (String fix : fixes) {
                if (!newest.fixes().contains(fix)) {
                    all.add(newest.with(fix));
                }
            }
        }
        return all;
    }

    /** The newest profile: the one the fixes apply to. */
    public Spec newest() {
        return profiles.get(profiles.size() - 1);
    }

    /** {@code --baseline} when it names a report folder. */
    public Optional<Path> baselineReport() {
        return baseline.filter(java.nio.file.Files::isDirectory);
    }

    /** The bench results.json of {@code --pinned-baseline}: the file itself, or the report folder's. */
    public Optional<Path> pinnedBenchResults() {
        return pinned.flatMap(p -> java.nio.file.Files.isDirectory(p)
                ? org.pcistress.tools.cli.ReportFiles.first(p.resolve("bench"), BenchStep.RESULTS) : Optional.of(p));
    }

    /** {@code --baseline} when it names a bench results.json. */
    public Optional<Path> baselineBenchResults() {
        return baseline.filter(java.nio.file.Files::isRegularFile);
    }
}
