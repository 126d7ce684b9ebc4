package org.ifl.benchmarks.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.ifl.benchmarks.dashboard.DashboardBenchmarkResult.Round;
import org.junit.jupiter.api.Test;

/**
 * {@code ifl bench dashboard} at a tiny size, pages refetching: it completes, the pages of the B round were live
 * (greeted, sent stats events, none dropped, their data fetched again) and the figures agree with the rounds.
 * No timing is judged.
 */
class DashboardBenchmarkIT {

    @Test
    void bothKindsOfRoundFeedEveryRecordAndThePagesAreLive() throws Exception {
        DashboardBenchmark.Options options = new DashboardBenchmark.Options(3_000, 1, 5, 0, null, 7, 60, true);
        List<String> progress = new ArrayList<>();

        DashboardBenchmarkResult result = new DashboardBenchmark(options, progress::add).run();

        assertEquals(List.of(DashboardBenchmarkResult.QUIET, DashboardBenchmarkResult.PAGES),
                result.rounds().stream().map(Round::mode).toList(), "round 1 runs A first");
        for (Round round : result.rounds()) {
            assertEquals(3_000, round.records());
            assertTrue(round.seconds() > 0 && round.seconds() <= round.settledSeconds(), round.toString());
            assertEquals(round.records() / round.seconds(), round.recordsPerSecond(), 1e-6 * round.recordsPerSecond());
            assertTrue(round.cpuSeconds().get(DashboardThreads.STREAM) > 0, "the stream threads worked: " + round);
            assertTrue(round.statsRecords() > 0, "the service published cells: " + round);
        }
        Round quiet = result.rounds().get(0);
        Round withPages = result.rounds().get(1);
        assertNull(quiet.pages());
        DashboardBenchmarkResult.Pages pages = withPages.pages();
        assertNotNull(pages);
        assertEquals(5, pages.streams());
        assertEquals(5, pages.hellos(), "every page was greeted");
        assertTrue(pages.statsEvents().get(0) > 0, "every page received stats events: " + pages);
        assertTrue(pages.changes().get(0) >= pages.statsEvents().get(0), "each stats event names a change: " + pages);
        assertEquals(0, pages.endedEarly(), "the service dropped no page");
        assertTrue(pages.refreshes().get(2) > 0, "pages fetched their data again after events: " + pages);
        assertEquals(0, pages.failedRequests(), "every refetch was answered 200: " + pages);
        assertTrue(withPages.cpuSeconds().get(DashboardThreads.PAGES) > 0, "the page readers' threads are found");
        assertEquals(0.0, quiet.cpuSeconds().get(DashboardThreads.PAGES), 0.005, "no page reads in an A round");
        assertEquals(withPages.streamMicrosPerRecord() / quiet.streamMicrosPerRecord(),
                result.ratios().streamCpuPerRecord(), 1e-9);
        assertEquals(withPages.recordsPerSecond() / quiet.recordsPerSecond(), result.ratios().throughput(), 1e-9);

        String text = DashboardBenchmarkReport.text(result);
        assertTrue(text.contains("stream threads, CPU µs a record") && text.contains("B / A"), text);
        JsonNode json = new ObjectMapper().readTree(DashboardBenchmarkReport.json(result));
        assertEquals(2, json.path("rounds").size());
        assertEquals(5, json.path("rounds").path(1).path("pages").path("hellos").asInt());
        assertTrue(progress.stream().anyMatch(line -> line.startsWith("round 1: B")), progress.toString());
    }
}
