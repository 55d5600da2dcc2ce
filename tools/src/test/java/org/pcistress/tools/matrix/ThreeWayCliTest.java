package org.pcistress.tools.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.tools.CliRun;

/** {@code explore --scenario a+b+c} and {@code matrix --triples}: three-way cells from the command line. */
class ThreeWayCliTest {

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void exploreRacesThreeEntryPoints() {
        CliRun r = run("explore", "--scenario", "reset_pf+numvfs_n+numvfs_read", "--profile", "v5.10", "--first");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("v5.10:reset_pf+numvfs_n+numvfs_read"), r.out());
        assertTrue(r.out().contains("DEADLOCK"), r.out());
    }

    @Test
    void matrixAddsTheChosenTriples(@TempDir Path dir) throws Exception {
        CliRun r = run("matrix", "--profile", "v6.19", "--cells", "reset_pf", "--triples",
                "reset_pf+numvfs_n+numvfs_read", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(2, r.err().lines().count(), "one progress line per cell: " + r.err());
        String md = Files.readString(dir.resolve("matrix.md"));
        assertTrue(md.contains("## Three-way cells") && md.contains("| reset_pf+numvfs_n+numvfs_read | OK |"), md);
        assertTrue(md.contains("--triples reset_pf+numvfs_n+numvfs_read"), md);
        assertTrue(Files.readString(dir.resolve("matrix.html")).contains("Three-way cells"));
    }

    @Test
    void aTripleOfTwoIsOneLineAndExitTwo() {
        CliRun r = run("matrix", "--profile", "v6.19", "--triples", "reset_pf+numvfs_n");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("--triples takes cells of three entry points"), r.err());
    }
}
