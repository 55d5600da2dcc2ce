package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {
    @Test
    void parsesWhatPeopleWrite() {
        assertEquals(Duration.ofSeconds(90), Durations.parse("90s"));
        assertEquals(Duration.ofMinutes(3), Durations.parse("3m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofSeconds(3725), Durations.parse("1h2m5s"));
    }

    @Test
    void rejectsTheRest() {
        for (String bad : new String[] {"", "10", "m", "10 m", "1.5m", "-3m", "0m", "3x"}) {
            assertThrows(TypeConversionException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void formats() {
        assertEquals("42s", Durations.format(Duration.ofSeconds(42)));
        assertEquals("3m", Durations.format(Duration.ofMinutes(3)));
        assertEquals("9m12s", Durations.format(Duration.ofSeconds(552)));
        assertEquals("1h02m", Durations.format(Duration.ofMinutes(62)));
    }
}
