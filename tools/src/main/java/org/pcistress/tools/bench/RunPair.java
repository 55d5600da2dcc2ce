package org.pcistress.tools.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The run.json of a baseline and of a new run, if they have one (see {@link RunInfo#sidecar}),
 * and whether their fingerprints allow a comparison.
 *
 * @param baselineRun  the baseline's run.json, or {@link RunInfo#unknown} without one
 * @param candidateRun the new run's
 * @param differences  what differs between the two fingerprints: the runs are not comparable
 * @param warnings     what could not be checked (a run without run.json or without a fingerprint)
 */
record RunPair(RunInfo baselineRun, RunInfo candidateRun, List<String> differences, List<String> warnings) {

    static RunPair of(Path baseline, Path candidate) {
        RunInfo b = read(baseline);
        RunInfo n = read(candidate);
        List<String> warnings = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        if (b.fingerprint() == null || n.fingerprint() == null) {
            Path missing = b.fingerprint() == null ? baseline : candidate;
            warnings.add(missing + " has no run.json with a fingerprint: the machines are not checked, only "
                    + "each result's JMH settings and JVM");
        } else {
            differences.addAll(b.fingerprint().differences(n.fingerprint()));
        }
        return new RunPair(b, n, differences, warnings);
    }

    private static RunInfo read(Path results) {
        Path p = RunInfo.sidecar(results);
        return p == null ? RunInfo.unknown(null) : RunInfo.read(p);
    }
}
