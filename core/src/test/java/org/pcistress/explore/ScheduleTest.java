package org.pcistress.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScheduleTest {

    @Test
    void dottedAndCompactFormsRoundTrip() {
        Schedule s = Schedule.parse("0.0.1.1.2.0");
        assertEquals("0x2.1x2.2.0", s.compact());
        assertEquals("0.0.1.1.2.0", s.dotted());
        assertEquals(s, Schedule.parse(s.compact()));
        assertArrayEquals(new int[] {3, 3, 3, 1}, Schedule.parse("3*3, 1").toArray());
    }

    @Test
    void badEntriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("0.1x.2"));
        assertTrue(e.getMessage().contains("'1x'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse(" "));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("0x0"));
        assertThrows(IllegalArgumentException.class, () -> Schedule.parse("-1"));
    }
}
