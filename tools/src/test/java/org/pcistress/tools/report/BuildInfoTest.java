package org.pcistress.tools.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildInfoTest {

    @Test
    void theBuildFilledInTheVersions() {
        BuildInfo b = BuildInfo.current();
        assertTrue(b.version().matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), b.version());
        assertTrue(b.commit().matches("[0-9a-f]{12}") || b.commit().equals("unknown"), b.commit());
        assertEquals("0.16", b.jcstress());
        assertEquals("1.37", b.jmh());
        assertTrue(b.versionLines()[0].startsWith("pcistress " + b.version() + " (commit "), b.versionLines()[0]);
    }
}
