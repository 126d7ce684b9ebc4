package org.ifl.inferenceworker.internal.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private static final long SECOND = 1_000_000_000L;

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final RateLimitedLog log = new RateLimitedLog(lines::add, Duration.ofMinutes(1), now::get);

    @Test
    void theFirstOccurrenceOfEachKindIsLoggedInFull() {
        log.record("INVALID_QUERY", "query q1: the prompt is too long");
        log.record("IMAGE_UNREADABLE", "query q2: no such file");

        assertEquals(List.of(
                "INVALID_QUERY: query q1: the prompt is too long (further ones are counted and logged at most once "
                        + "every 1 min)",
                "IMAGE_UNREADABLE: query q2: no such file (further ones are counted and logged at most once every "
                        + "1 min)"), lines);
    }

    @Test
    void laterOccurrencesAreSummedUpAtMostOncePerInterval() {
        log.record("INVALID_QUERY", "query q1: too long");
        for (int i = 2; i <= 4; i++) {
            now.addAndGet(10 * SECOND);
            log.record("INVALID_QUERY", "query q" + i + ": too long");
        }
        assertEquals(1, lines.size(), "within the minute: counted, not logged");

        now.addAndGet(31 * SECOND); // 61 s after the first line
        log.record("INVALID_QUERY", "query q5: too long");
        assertEquals("INVALID_QUERY: 4 more in the last 61 s; the latest: query q5: too long", lines.get(1));

        now.addAndGet(59 * SECOND);
        log.record("INVALID_QUERY", "query q6: too long");
        assertEquals(2, lines.size(), "the interval counts from the last line");
        now.addAndGet(SECOND);
        log.record("INVALID_QUERY", "query q7: too long");
        assertEquals("INVALID_QUERY: 2 more in the last 1 min; the latest: query q7: too long", lines.get(2));
    }

    @Test
    void eachKindHasItsOwnInterval() {
        log.record("A", "a1");
        now.addAndGet(30 * SECOND);
        log.record("B", "b1");
        log.record("A", "a2");
        now.addAndGet(31 * SECOND);
        log.record("A", "a3");
        log.record("B", "b2");

        assertEquals(List.of("A: a1 (further ones are counted and logged at most once every 1 min)",
                "B: b1 (further ones are counted and logged at most once every 1 min)",
                "A: 2 more in the last 61 s; the latest: a3"), lines);
    }

    @Test
    void flushLogsWhatWasCountedSinceEachKindsLastLine() {
        log.record("A", "a1");
        log.record("B", "b1");
        now.addAndGet(2 * SECOND);
        log.record("A", "a2");
        log.record("A", "a3");
        lines.clear();

        log.flush();
        assertEquals(List.of("A: 2 more in the last 2 s; the latest: a3"), lines);
        log.flush();
        assertEquals(1, lines.size(), "nothing counted since");
    }

    @Test
    void theIntervalMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimitedLog(lines::add, Duration.ZERO, now::get));
    }
}
