package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pcistress.tools.stress.Samples.L01;
import static org.pcistress.tools.stress.Samples.S01;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser on real jcstress 0.16 output (src/test/resources/jcstress/README.md). */
class ConsoleParserTest {

    @Test
    void readsEveryConfigurationAndTheMergedResults() {
        ConsoleParser p = Samples.parse("locking01-sanity-v.txt");
        assertTrue(p.finished());
        assertEquals(4, p.planned());
        assertEquals(4, p.configurations().size());
        assertEquals(2, p.merged().size());
        assertFalse(p.failuresThrown());
        assertEquals(List.of(), p.fatal());

        RunBlock first = p.configurations().get(0);
        assertEquals("OK", first.label());
        assertEquals(L01 + "Abba", first.test());
        assertEquals("[-XX:-UseBiasedLocking, -Xss512k]", first.jvmArgs());
        assertEquals(new Row("DEADLOCK", 1, "Interesting", "ABBA: reader holds pci_bus_sem(R) and waits for the mutex..."),
                first.rows().get(0));
        assertEquals(4, first.samples());

        RunBlock abba = p.merged().get(L01 + "Abba");
        assertTrue(abba.merged());
        assertEquals(8, abba.samples());
        assertEquals(2, abba.rows().stream().filter(r -> r.id().equals("DEADLOCK")).findFirst().orElseThrow().count());
    }

    @Test
    void theConfigurationsAddUpToJcstresssOwnMergedTable() {
        ConsoleParser p = Samples.parse("locking01-sanity-v.txt");
        Map<String, Long> summed = new HashMap<>();
        for (RunBlock b : p.configurations()) {
            for (Row r : b.rows()) {
                summed.merge(b.test() + " " + r.id(), r.count(), Long::sum);
            }
        }
        for (RunBlock m : p.merged().values()) {
            for (Row r : m.rows()) {
                assertEquals(r.count(), summed.getOrDefault(m.test() + " " + r.id(), 0L), m.test() + " " + r.id());
            }
        }
    }

    @Test
    void readsFailedErrorAndTimeoutBlocksWithTheirMessages() {
        ConsoleParser p = Samples.parse("statuses-sanity.txt");
        assertTrue(p.finished());
        assertTrue(p.failuresThrown(), "jcstress's AssertionError: TEST FAILURES is a verdict, not a crash");
        assertEquals(List.of(), p.fatal());
        assertEquals(8, p.configurations().size());
        Map<String, RunBlock> m = p.merged();
        assertEquals("FAILED", m.get(S01 + "Forbidden").label());
        assertEquals(6, m.get(S01 + "Forbidden").rows().get(0).count());
        assertEquals("TIMEOUT", m.get(S01 + "Slow").label());
        assertTrue(m.get(S01 + "Slow").rows().isEmpty());
        assertTrue(m.get(S01 + "Slow").messages().get(0).startsWith("Timeout waiting for tasks to complete"));
        assertEquals("ERROR", m.get(S01 + "Throws").label());
        assertTrue(m.get(S01 + "Throws").messages().contains("java.lang.IllegalStateException: model code ran outside a task"));
        assertEquals("OK", m.get(S01 + "Silent").label());
        assertEquals(new Row("RARE", 0, "Interesting", "never happens"), m.get(S01 + "Silent").rows().get(1));
    }

    @Test
    void aKilledRunKeepsTheConfigurationsThatFinishedAndDropsTheOneCutShort() {
        List<String> all = Samples.lines("locking01-sanity-v.txt");
        int secondBlock = -1;
        int blocks = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith(".......... [OK]") && ++blocks == 2) {
                secondBlock = i;
                break;
            }
        }
        // cut in the middle of the second block's table
        ConsoleParser p = Samples.parseFirst("locking01-sanity-v.txt", secondBlock + 17);
        assertEquals(1, p.configurations().size());
        assertFalse(p.finished());
        assertTrue(p.merged().isEmpty());
    }

    @Test
    void reportsEachConfigurationAsItCompletes() {
        List<String> seen = new ArrayList<>();
        ConsoleParser p = new ConsoleParser(b -> seen.add(b.label() + " " + b.samples()));
        for (String l : Samples.lines("statuses-sanity.txt")) {
            p.line(l);
        }
        assertEquals(8, seen.size());
        assertEquals("FAILED 38", seen.get(0));
        assertEquals("ERROR 0", seen.get(1));
    }

    @Test
    void aCrashOfJcstressItselfIsFatal() {
        ConsoleParser p = ConsoleParser.parse(List.of("Java Concurrency Stress Tests",
                "Exception in thread \"main\" java.lang.NoClassDefFoundError: joptsimple/OptionException"));
        assertEquals(1, p.fatal().size());
        assertFalse(p.finished());
    }
}
