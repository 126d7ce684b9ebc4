package org.ifl.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.ifl.benchmarks.chaos.KillSchedule.Kill;
import org.junit.jupiter.api.Test;

/** The kill schedule: the same for the same seed, every target as often, one kill per slot of the span. */
class KillScheduleTest {
    private static final Duration SPAN = Duration.ofSeconds(90);

    @Test
    void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        assertEquals(KillSchedule.draw(7, 5, SPAN), KillSchedule.draw(7, 5, SPAN));
        assertNotEquals(KillSchedule.draw(7, 5, SPAN), KillSchedule.draw(8, 5, SPAN));
    }

    @Test
    void everyTargetIsKilledAsOftenAsAsked() {
        KillSchedule schedule = KillSchedule.draw(3, 5, SPAN);

        assertEquals(15, schedule.kills().size());
        assertEquals(Map.of(Target.UP, 5, Target.LID, 5, Target.STATS, 5), schedule.perTarget());
        for (int round = 0; round < 5; round++) {
            List<Kill> three = schedule.kills().subList(3 * round, 3 * round + 3);
            assertEquals(EnumSet.allOf(Target.class), EnumSet.copyOf(three.stream().map(Kill::target).toList()),
                    "round " + round + " kills each target once: " + three);
        }
    }

    @Test
    void eachKillFallsInItsOwnSlotOfTheSpan() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Kill> kills = KillSchedule.draw(seed, 4, SPAN).kills();
            long slot = SPAN.toNanos() / kills.size();
            for (int i = 0; i < kills.size(); i++) {
                long at = kills.get(i).at().toNanos();
                assertTrue(at >= i * slot && at < (i + 1) * slot, "seed " + seed + ", kill " + i + " at " + at
                        + " ns, outside its slot [" + i * slot + ", " + (i + 1) * slot + ")");
            }
        }
    }

    @Test
    void theKillsAreNotAllAtTheStartOfTheirSlots() {
        List<Kill> kills = KillSchedule.draw(11, 3, SPAN).kills();
        long slot = SPAN.toNanos() / kills.size();
        long offsetSum = 0;
        for (int i = 0; i < kills.size(); i++) {
            offsetSum += kills.get(i).at().toNanos() - i * slot;
        }
        assertTrue(offsetSum > 0 && offsetSum < kills.size() * slot, "offsets within the slots: " + offsetSum);
        assertNotEquals(kills.get(0).at().toNanos(), kills.get(1).at().toNanos() - slot,
                "two kills at the same moment of their slots");
    }

    @Test
    void noKillsIsAnEmptySchedule() {
        KillSchedule none = KillSchedule.draw(1, 0, SPAN);

        assertTrue(none.kills().isEmpty());
        assertEquals(Map.of(Target.UP, 0, Target.LID, 0, Target.STATS, 0), none.perTarget());
    }

    @Test
    void aNegativeCountOrAnEmptySpanIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KillSchedule.draw(1, -1, SPAN));
        assertThrows(IllegalArgumentException.class, () -> KillSchedule.draw(1, 1, Duration.ZERO));
    }
}
