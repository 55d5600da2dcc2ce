package org.pcistress.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pcistress.tools.report.BuildInfo;
import picocli.CommandLine;

/** Every command's help ends with the same exit-code list; --version says what the build wrote into the jar. */
class HelpAndVersionTest {

    @Test
    void everyCommandListsItsExitCodesUnderOneHeading() {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
        assertTrue(commands.size() >= 10, commands.keySet().toString());
        for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
            String help = e.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("\nExit codes:\n"), e.getKey() + ":\n" + help);
            assertTrue(help.matches("(?s).*\nExit codes:\n  0 +\\S.*"), e.getKey() + " lists code 0 first:\n" + help);
            assertFalse(help.contains("Exit:") || help.contains("Exit status:"), e.getKey() + ":\n" + help);
        }
    }

    @Test
    void versionNamesTheBuildTheHarnessesAndTheJvm() {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--version"));
        BuildInfo b = BuildInfo.current();
        String[] lines = out.toString().split("\\R");
        assertEquals("pcistress " + b.versionAndCommit(), lines[0]);
        assertTrue(lines[0].matches("pcistress \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown)[^)]*\\)"), lines[0]);
        assertEquals("jcstress 0.16, JMH 1.37", lines[1]);
        assertTrue(lines[2].startsWith("Java " + System.getProperty("java.version")), lines[2]);
    }
}
