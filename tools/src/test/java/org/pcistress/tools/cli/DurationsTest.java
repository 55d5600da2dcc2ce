package org.pcistress.tools.cli;

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
        for (String bad : new String[] {"", "10", "m", "10 m", "1.5m", "-3m", "0m", "3x", "1x", "10s10",
            "99999999999999999999s", "8d", "169h", "10081m", "604801s"}) {
            assertThrows(TypeConversionException.class, () -> Durations.parse(bad), bad);
        }
    }

    @Test
    void acceptsUpToSevenDays() {
        assertEquals(Duration.ofDays(7), Durations.parse("168h"));
        assertEquals(Duration.ofDays(7), Durations.parse("604800s"));
    }

    @Test
    void refusesWithOneLineNamingTheValue() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> Durations.parse("10"));
        assertEquals("'10' is not a duration like 90s, 10m, 4h or 1h30m (a unit is required)", e.getMessage());
        e = assertThrows(TypeConversionException.class, () -> Durations.parse("99999999999999999999m"));
        assertEquals("'99999999999999999999m' is longer than the most any option accepts (168h00m)", e.getMessage());
    }

    /** What format writes, parse reads back: the main job hands its shares to stress --budget as text. */
    @Test
    void formatIsReadBack() {
        for (long s : new long[] {1, 42, 60, 552, 3600, 3725, 86_400}) {
            Duration d = Duration.ofSeconds(s);
            Duration back = Durations.parse(Durations.format(d));
            assertEquals(s >= 3600 ? d.toMinutes() : s, s >= 3600 ? back.toMinutes() : back.toSeconds(), Durations.format(d));
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
