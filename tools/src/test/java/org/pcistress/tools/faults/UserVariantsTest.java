package org.pcistress.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcistress.model.profile.Variants;

/** A user's fixes on the class path (PCISTRESS_CLASSPATH) whose name clashes with a built-in one: one line, exit 2. */
class UserVariantsTest {
    @TempDir
    Path tmp;

    @Test
    void aFixNamedLikeABuiltInIsOneLineAndExitTwo() throws Exception {
        Path jar = tmp.resolve("clash.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new ZipEntry("META-INF/services/" + Variants.class.getName()));
            j.write((ClashingVariants.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Process p = new ProcessBuilder(Processes.JAVA, "-cp", System.getProperty("java.class.path") + ":" + jar,
                "org.pcistress.tools.Main", "matrix", "--profile", "v6.18", "--out", tmp.resolve("m").toString())
                .redirectOutput(tmp.resolve("out").toFile()).redirectError(tmp.resolve("err").toFile()).start();
        assertTrue(p.waitFor(Duration.ofSeconds(60).toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        List<String> err = Files.readAllLines(tmp.resolve("err"));
        assertEquals(2, p.exitValue(), err::toString);
        assertEquals(1, err.size(), err::toString);
        assertTrue(err.get(0).startsWith("pcistress: the fixes and profiles on the class path (PCISTRESS_CLASSPATH) do not"
                + " load: fix 'list-snapshot' from " + ClashingVariants.class.getName() + " clashes"), err::toString);
        assertTrue(Files.notExists(tmp.resolve("m")), "nothing ran");
    }

    @Test
    void noOtherTestSeesTheClash() throws IOException {
        assertTrue(Variants.installed().stream().noneMatch(v -> v instanceof ClashingVariants));
    }
}
