package org.ifl.benchmarks.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The windows whose figures the chaos run compares: every 1 h window, advancing by 20 min, that holds a time. */
class ChaosRunTest {

    @Test
    void everyWindowThatHoldsACompletionAndNoOther() {
        List<String> windows = ChaosRun.windows(Instant.parse("2026-12-07T10:05:00Z"),
                Instant.parse("2026-12-07T11:40:00Z"));

        assertEquals(List.of("cumulative",
                "2026-12-07T09:20:00Z/2026-12-07T10:20:00Z",
                "2026-12-07T09:40:00Z/2026-12-07T10:40:00Z",
                "2026-12-07T10:00:00Z/2026-12-07T11:00:00Z",
                "2026-12-07T10:20:00Z/2026-12-07T11:20:00Z",
                "2026-12-07T10:40:00Z/2026-12-07T11:40:00Z",
                "2026-12-07T11:00:00Z/2026-12-07T12:00:00Z",
                "2026-12-07T11:20:00Z/2026-12-07T12:20:00Z",
                "2026-12-07T11:40:00Z/2026-12-07T12:40:00Z"), windows);
    }

    @Test
    void aTimeOnAWindowsEndIsNotInIt() {
        List<String> windows = ChaosRun.windows(Instant.parse("2026-12-07T10:00:00Z"),
                Instant.parse("2026-12-07T10:00:00Z"));

        assertEquals(List.of("cumulative",
                "2026-12-07T09:20:00Z/2026-12-07T10:20:00Z",
                "2026-12-07T09:40:00Z/2026-12-07T10:40:00Z",
                "2026-12-07T10:00:00Z/2026-12-07T11:00:00Z"), windows);
    }
}
