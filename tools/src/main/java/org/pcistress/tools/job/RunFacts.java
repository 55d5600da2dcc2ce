package org.pcistress.tools.job;

import org.pcistress.tools.bench.Machine;
import org.pcistress.tools.report.BuildInfo;

/**
 * Where a report comes from: the build that ran it (version, commit), the JVM and the machine,
 * as job.json, index.html and summary.md give them.
 *
 * @param build   this jar's version and commit
 * @param jdk     {@code Java 17.0.15 (Debian)}
 * @param machine cores, memory, CPU model, OS
 */
public record RunFacts(BuildInfo build, String jdk, Machine machine) {

    /** This process's. */
    public static RunFacts here() {
        return new RunFacts(BuildInfo.current(), BuildInfo.jdk(), Machine.probe());
    }

    /** One line: {@code pcistress 0.1.0-SNAPSHOT (commit …), Java 17.0.15 (Debian), 2 cores, …}. */
    public String line() {
        return "pcistress " + build.versionAndCommit() + "; " + jdk + "; " + machine.describe();
    }
}
