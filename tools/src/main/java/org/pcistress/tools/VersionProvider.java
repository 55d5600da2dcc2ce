package org.pcistress.tools;

import org.pcistress.tools.report.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code pcistress --version}: the version and commit the build wrote into the jar, the harnesses, the JVM. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return BuildInfo.current().versionLines();
    }
}
