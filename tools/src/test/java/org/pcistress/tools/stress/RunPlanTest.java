package org.pcistress.tools.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunPlanTest {

    @Test
    void aNightlyBudgetGivesEveryForkSeveralIterationsAndFits() {
        RunPlan p = RunPlan.forBudget(Duration.ofMinutes(10), 20, 2);
        assertTrue(p.fits());
        assertTrue(p.iterations() >= 2, p::toString);
        assertTrue(p.timeMs() >= 1000, p::toString);
        assertTrue(p.estimate().compareTo(Duration.ofSeconds(480)) <= 0, "aims at 80% of the budget: " + p);
    }

    @Test
    void aShortBudgetRunsTheSmallestPlanAndSaysWhenItMayNotFit() {
        RunPlan few = RunPlan.forBudget(Duration.ofMinutes(3), 10, 2);
        assertEquals(1, few.iterations());
        assertTrue(few.fits(), few::toString);
        RunPlan many = RunPlan.forBudget(Duration.ofMinutes(3), 40, 2);
        assertEquals(1, many.iterations());
        assertEquals(RunPlan.MIN_TIME_MS, many.timeMs());
        assertFalse(many.fits(), many::toString);
    }

    @Test
    void aBudgetNoMachineCouldMeetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunPlan.forBudget(Duration.ofSeconds(30), 20, 2));
        assertEquals("a budget of 30s is too small for 20 tests (40 forked VMs): no machine runs them in under 1m08s",
                e.getMessage());
    }

    @Test
    void jdk17RunsTwoConfigurationsPerTestLaterOnesOne() {
        assertEquals(2, RunPlan.configurationsPerTest(17));
        assertEquals(1, RunPlan.configurationsPerTest(21));
    }

    @Test
    void theJcstressOptionsPinEveryKnobThatDecidesTheTime() {
        RunPlan p = RunPlan.forBudget(Duration.ofMinutes(10), 2, 2);
        List<String> a = p.jcstressArgs("Locking_01", "report");
        String s = String.join(" ", a);
        assertTrue(s.contains("-m quick -c 2 -f 1 -fsm 1 -iters " + p.iterations() + " -time " + p.timeMs()), s);
        assertTrue(s.contains("-strideSize 16 -strideCount 4 -sc false"), s);
        assertTrue(a.contains("-jvmArgs"), s);
        assertTrue(s.contains("-v -r report -t Locking_01"), s);
    }
}
