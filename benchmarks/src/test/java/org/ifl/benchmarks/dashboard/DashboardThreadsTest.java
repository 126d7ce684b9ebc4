package org.ifl.benchmarks.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.ifl.benchmarks.stats.SimulatedLabeledCompletions;
import org.junit.jupiter.api.Test;

/** The thread groups the dashboard benchmark charges CPU to, and the pages' mix of filters. */
class DashboardThreadsTest {

    @Test
    void threadsAreGroupedByTheNamesTheirLibrariesGiveThem() {
        String selector = "HttpClient-7-SelectorManager";
        assertEquals(DashboardThreads.STREAM,
                DashboardThreads.groupOf("ifl-bench-dashboard-5a1c-4e2b-StreamThread-1", selector));
        assertEquals(DashboardThreads.OTHER,
                DashboardThreads.groupOf("ifl-bench-dashboard-5a1c-4e2b-GlobalStreamThread", selector));
        assertEquals(DashboardThreads.EVENTS_FEED, DashboardThreads.groupOf("ifl-stats-feed", selector));
        assertEquals(DashboardThreads.HTTP, DashboardThreads.groupOf("default-eventLoopGroup-1-2", selector));
        assertEquals(DashboardThreads.PAGES, DashboardThreads.groupOf(selector, selector));
        assertEquals(DashboardThreads.OTHER, DashboardThreads.groupOf("HttpClient-3-SelectorManager", selector),
                "another JDK HTTP client's selector (the registry's) is not the pages'");
        assertEquals(DashboardThreads.PAGES,
                DashboardThreads.groupOf(DashboardThreads.READER_THREAD_PREFIX + "2", selector));
        assertEquals(DashboardThreads.FEEDER, DashboardThreads.groupOf(
                "kafka-producer-network-thread | " + DashboardThreads.FEEDER_CLIENT_ID, selector));
        assertEquals(DashboardThreads.OTHER, DashboardThreads.groupOf("data-plane-kafka-request-handler-3", null));
    }

    @Test
    void pagesMixEveryModelOneModelAndOneCheckpoint() {
        List<String> queries = DashboardBenchmark.queries(
                SimulatedLabeledCompletions.cells(new SplittableRandom(1)), 50);
        assertEquals(50, queries.size());
        assertEquals(10, queries.stream().filter(String::isEmpty).count());
        assertEquals(20, queries.stream().filter(q -> q.startsWith("model=") && !q.contains("&")).count());
        assertEquals(20, queries.stream().filter(q -> q.contains("&checkpoint=")).count());
        assertEquals(2, queries.stream().filter(q -> q.startsWith("model=") && !q.contains("&")).distinct().count(),
                "both models have overview pages");
        assertEquals(4, queries.stream().filter(q -> q.contains("&checkpoint=")).distinct().count(),
                "every checkpoint has pages");
    }

    @Test
    void eachPageFetchesWhatTheDashboardsPageOfItsFilterFetches() {
        assertEquals(List.of("/overview", "/checkpoints"), EventStreamPages.dataPaths(""));
        assertEquals(List.of("/overview?model=m", "/checkpoints"), EventStreamPages.dataPaths("model=m"));
        assertEquals(List.of("/checkpoints", "/cells?model=m&checkpoint=c", "/series?model=m&checkpoint=c",
                "/summary?model=m&checkpoint=c"), EventStreamPages.dataPaths("model=m&checkpoint=c"));
    }
}
