package org.ifl.benchmarks.dashboard;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The thread groups the dashboard benchmark reads CPU time of, by thread name: the stats service's stream
 * threads, its /events feed, its HTTP server, and this benchmark's own feeder and page readers; the embedded
 * broker and registry and the rest go to {@link #OTHER}.
 */
final class DashboardThreads {
    static final String STREAM = "stream threads";
    static final String EVENTS_FEED = "events feed";
    static final String HTTP = "HTTP server";
    static final String PAGES = "page readers (SSE clients)";
    static final String FEEDER = "feeder (producer)";
    static final String OTHER = "broker, registry, other";
    static final List<String> GROUPS = List.of(STREAM, EVENTS_FEED, HTTP, PAGES, FEEDER, OTHER);

    /** The client id of the feeder's producer: its network thread is named after it. */
    static final String FEEDER_CLIENT_ID = "ifl-bench-dashboard-feeder";
    /** The prefix of the page readers' executor threads. */
    static final String READER_THREAD_PREFIX = "ifl-bench-page-reader-";

    private static final Pattern STREAM_THREAD = Pattern.compile(".*-StreamThread-\\d+");
    private static final Pattern FEED_THREAD = Pattern.compile("ifl-stats-feed");
    private static final Pattern HTTP_THREAD = Pattern.compile(
            "default-\\w*[eE]ventLoopGroup-.*|io-executor-thread-.*|blocking-executor-thread-.*");
    /** The JDK HTTP client's thread that reads its connections. */
    static final Pattern JDK_HTTP_SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");

    private DashboardThreads() {
    }

    /**
     * {@code threadName}'s group. {@code readerSelector}: the name of the page readers' HTTP client's selector
     * thread (other JDK HTTP clients in the process, such as the registry's, have one too).
     */
    static String groupOf(String threadName, String readerSelector) {
        if (STREAM_THREAD.matcher(threadName).matches()) {
            return STREAM;
        }
        if (FEED_THREAD.matcher(threadName).matches()) {
            return EVENTS_FEED;
        }
        if (HTTP_THREAD.matcher(threadName).matches()) {
            return HTTP;
        }
        if (threadName.startsWith(READER_THREAD_PREFIX) || threadName.equals(readerSelector)) {
            return PAGES;
        }
        if (threadName.endsWith(FEEDER_CLIENT_ID) || threadName.equals("main")) {
            return FEEDER;
        }
        return OTHER;
    }
}
