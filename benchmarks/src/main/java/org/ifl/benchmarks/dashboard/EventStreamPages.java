package org.ifl.benchmarks.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Open dashboard pages as the stats service sees them: each one {@code GET /events} stream (server-sent events)
 * read line by line and counted, the way a page's EventSource holds one; optionally each also fetches its data
 * again after events, as the pages do. One JDK HTTP client (HTTP/1.1, one
 * connection per stream) and two reader threads serve them all; the benchmark keeps it for the whole run and
 * opens a new set of streams per round.
 */
final class EventStreamPages implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final ExecutorService readers;
    private final HttpClient http;
    private final String selectorThread;
    private final ScheduledExecutorService debounce;

    /** {@code base}: the service's URL, e.g. {@code http://127.0.0.1:8470}. */
    EventStreamPages(URI base) {
        this.base = base;
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, DashboardThreads.READER_THREAD_PREFIX + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.debounce = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, DashboardThreads.READER_THREAD_PREFIX + "debounce");
            thread.setDaemon(true);
            return thread;
        });
        Set<String> selectorsBefore = selectorThreads();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(readers)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Set<String> mine = selectorThreads();
        mine.removeAll(selectorsBefore);
        this.selectorThread = mine.size() == 1 ? mine.iterator().next() : null;
    }

    /**
     * The name of the thread that reads this client's connections (the JDK names it after the client's number,
     * and starts it when the client is built), or null where it could not be told apart.
     */
    String selectorThread() {
        return selectorThread;
    }

    private static Set<String> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> DashboardThreads.JDK_HTTP_SELECTOR.matcher(name).matches())
                .collect(Collectors.toCollection(HashSet::new));
    }

    /**
     * Opens one stream per query ({@code model=...&checkpoint=...}, or empty for every model) and waits until
     * each has had its {@code hello} event; fails naming the first stream that was refused or ended, or when
     * not all said hello within {@code timeout}. {@code refetch}: each page also fetches its data again, as the
     * dashboard's pages do, {@value #DEBOUNCE_MS} ms after the last of a run of {@code stats} events.
     */
    Streams open(List<String> queries, Duration timeout, boolean refetch) throws InterruptedException {
        Streams streams = new Streams(queries.size());
        for (String query : queries) {
            PageStream stream = new PageStream(query, streams.hellos,
                    refetch ? new PageData(query, streams.requests) : null);
            streams.all.add(stream);
            HttpRequest request = HttpRequest.newBuilder(uri(query))
                    .header("Accept", "text/event-stream").GET().build();
            http.sendAsync(request, info -> {
                stream.status.set(info.statusCode());
                return info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.fromLineSubscriber(stream, s -> null, StandardCharsets.UTF_8,
                                "\n")
                        : HttpResponse.BodySubscribers.replacing(null);
            }).whenComplete((response, failure) -> stream.ended(failure));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!streams.hellos.await(100, TimeUnit.MILLISECONDS)) {
            for (PageStream stream : streams.all) {
                if (stream.ended.get() && stream.hello.get() == 0) {
                    streams.close();
                    throw new IllegalStateException("GET " + uri(stream.query) + " answered "
                            + stream.status.get() + " and ended before its hello event"
                            + (stream.failure.get() == null ? "" : ": " + stream.failure.get()));
                }
            }
            if (System.nanoTime() > deadline) {
                streams.close();
                throw new IllegalStateException(streams.hellos.getCount() + " of " + queries.size()
                        + " event streams had no hello event after " + timeout.toSeconds() + " s");
            }
        }
        return streams;
    }

    private URI uri(String query) {
        return base.resolve("/events" + (query.isEmpty() ? "" : "?" + query));
    }

    @Override
    public void close() {
        debounce.shutdownNow();
        readers.shutdownNow();
    }

    /** As the dashboard's pages wait after an event before they refetch (dashboard.js, DEBOUNCE_MS). */
    static final long DEBOUNCE_MS = 300;

    /**
     * The API requests of the page a query stands for: the overview (every model, or one) asks /overview and
     * /checkpoints; a checkpoint's page /checkpoints, then its cumulative /cells, /series and /summary.
     */
    static List<String> dataPaths(String query) {
        if (query.contains("checkpoint=")) {
            return List.of("/checkpoints", "/cells?" + query, "/series?" + query, "/summary?" + query);
        }
        return List.of("/overview" + (query.isEmpty() ? "" : "?" + query), "/checkpoints");
    }

    /**
     * A page's data, fetched again after {@code stats} events as dashboard.js does: a trailing debounce, one
     * refresh at a time (an event during one asks for another after it), the requests of a refresh together.
     */
    private final class PageData {
        private final List<URI> urls;
        private final AtomicLong refreshes = new AtomicLong();
        private final AtomicLong failedRequests = new AtomicLong();
        private ScheduledFuture<?> pending;
        private boolean running;
        private boolean again;
        private boolean cancelled;

        private final Map<String, RequestTally> requests;

        /** {@code requests}: where each request is tallied by its path. */
        PageData(String query, Map<String, RequestTally> requests) {
            this.urls = dataPaths(query).stream().map(base::resolve).toList();
            this.requests = requests;
        }

        synchronized void changed() {
            if (cancelled) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            pending = debounce.schedule(this::refresh, DEBOUNCE_MS, TimeUnit.MILLISECONDS);
        }

        private synchronized void refresh() {
            if (cancelled) {
                return;
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
            long start = System.nanoTime();
            CompletableFuture.allOf(urls.stream().map(url -> http.sendAsync(HttpRequest.newBuilder(url).GET()
                    .build(), HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                        boolean failed = failure != null || response.statusCode() != 200;
                        if (failed) {
                            failedRequests.incrementAndGet();
                        }
                        requests.computeIfAbsent(url.getPath(), p -> new RequestTally())
                                .add(System.nanoTime() - start, failed);
                        return null;
                    })).toArray(CompletableFuture[]::new)).whenComplete((done, failure) -> refreshed());
        }

        private synchronized void refreshed() {
            refreshes.incrementAndGet();
            running = false;
            if (again) {
                again = false;
                changed();
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }

    /** Requests of one path: count, time from sending to the answer's end, failures. */
    private static final class RequestTally {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();
        private final LongAdder failed = new LongAdder();

        void add(long tookNanos, boolean failure) {
            count.increment();
            nanos.add(tookNanos);
            if (failure) {
                failed.increment();
            }
        }

        DashboardBenchmarkResult.Requests summary() {
            long n = count.sum();
            return new DashboardBenchmarkResult.Requests(n, n == 0 ? 0 : nanos.sum() / 1e6 / n, failed.sum());
        }
    }

    /** What one set of open streams received. */
    static final class Streams implements AutoCloseable {
        private final List<PageStream> all = new ArrayList<>();
        private final CountDownLatch hellos;
        private final Map<String, RequestTally> requests = new ConcurrentSkipListMap<>();

        private Streams(int count) {
            this.hellos = new CountDownLatch(count);
        }

        /** The counts so far, one per stream, in the order of the queries. */
        List<Counts> counts() {
            return all.stream().map(PageStream::counts).toList();
        }

        /** The pages' API requests so far by path: how many, how long they took on average, how many failed. */
        Map<String, DashboardBenchmarkResult.Requests> requests() {
            Map<String, DashboardBenchmarkResult.Requests> out = new LinkedHashMap<>();
            requests.forEach((path, tally) -> out.put(path, tally.summary()));
            return out;
        }

        /** Closes every stream, as a page that goes away. */
        @Override
        public void close() {
            all.forEach(PageStream::cancel);
        }
    }

    /**
     * What a stream received.
     *
     * @param stats {@code stats} events
     * @param changes cells and summaries those events named, all together
     * @param alerts {@code alert} events
     * @param endedEarly whether the service ended the stream before the benchmark closed it (a dropped page)
     * @param refreshes times the page fetched its data again (0 without refetching)
     * @param failedRequests of those requests, the ones that failed or were not answered 200
     */
    record Counts(String query, long hello, long stats, long changes, long alerts, boolean endedEarly,
            long refreshes, long failedRequests) {
    }

    /** One stream: its lines assembled into events (event name, data lines, blank line) and counted. */
    private static final class PageStream implements Flow.Subscriber<String> {
        private final String query;
        private final CountDownLatch hellos;
        private final PageData pageData;
        private final AtomicInteger status = new AtomicInteger();
        private final AtomicLong hello = new AtomicLong();
        private final AtomicLong stats = new AtomicLong();
        private final AtomicLong changes = new AtomicLong();
        private final AtomicLong alerts = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private volatile Flow.Subscription subscription;
        private String event = "message";
        private final StringBuilder data = new StringBuilder();

        /** {@code pageData}: the page's data to fetch again after stats events, or null for none. */
        PageStream(String query, CountDownLatch hellos, PageData pageData) {
            this.query = query;
            this.hellos = hellos;
            this.pageData = pageData;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled.get()) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.startsWith("event:")) {
                event = line.substring("event:".length()).strip();
            } else if (line.startsWith("data:")) {
                if (!data.isEmpty()) {
                    data.append('\n');
                }
                data.append(line.substring("data:".length()).strip());
            }
        }

        private void dispatch() {
            switch (event) {
                case "hello" -> {
                    if (hello.incrementAndGet() == 1) {
                        hellos.countDown();
                    }
                }
                case "stats" -> {
                    stats.incrementAndGet();
                    changes.addAndGet(changesIn(data.toString()));
                    if (pageData != null) {
                        pageData.changed();
                    }
                }
                case "alert" -> alerts.incrementAndGet();
                default -> { }
            }
            event = "message";
            data.setLength(0);
        }

        private static int changesIn(String json) {
            try {
                JsonNode changes = JSON.readTree(json).path("changes");
                return changes.isArray() ? changes.size() : 0;
            } catch (IOException e) {
                throw new IllegalStateException("a stats event whose data is not JSON: " + json, e);
            }
        }

        @Override
        public void onError(Throwable t) {
            failure.compareAndSet(null, t);
            ended.set(true);
        }

        @Override
        public void onComplete() {
            ended.set(true);
        }

        void ended(Throwable t) {
            if (t != null) {
                failure.compareAndSet(null, t);
            }
            ended.set(true);
        }

        void cancel() {
            cancelled.set(true);
            if (pageData != null) {
                pageData.cancel();
            }
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        Counts counts() {
            return new Counts(query, hello.get(), stats.get(), changes.get(), alerts.get(),
                    ended.get() && !cancelled.get(), pageData == null ? 0 : pageData.refreshes.get(),
                    pageData == null ? 0 : pageData.failedRequests.get());
        }
    }
}
