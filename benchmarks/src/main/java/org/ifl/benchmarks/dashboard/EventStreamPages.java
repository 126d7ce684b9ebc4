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
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Open dashboard pages as the stats service sees them: each one {@code GET /events} stream (server-sent events)
 * read line by line and counted, the way a page's EventSource holds one. One JDK HTTP client (HTTP/1.1, one
 * connection per stream) and two reader threads serve them all; the benchmark keeps it for the whole run and
 * opens a new set of streams per round.
 */
final class EventStreamPages implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final ExecutorService readers;
    private final HttpClient http;
    private final String selectorThread;

    /** {@code base}: the service's URL, e.g. {@code http://127.0.0.1:8470}. */
    EventStreamPages(URI base) {
        this.base = base;
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, DashboardThreads.READER_THREAD_PREFIX + n.incrementAndGet());
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
     * not all said hello within {@code timeout}.
     */
    Streams open(List<String> queries, Duration timeout) throws InterruptedException {
        Streams streams = new Streams(queries.size());
        for (String query : queries) {
            PageStream stream = new PageStream(query, streams.hellos);
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
        readers.shutdownNow();
    }

    /** What one set of open streams received. */
    static final class Streams implements AutoCloseable {
        private final List<PageStream> all = new ArrayList<>();
        private final CountDownLatch hellos;

        private Streams(int count) {
            this.hellos = new CountDownLatch(count);
        }

        /** The counts so far, one per stream, in the order of the queries. */
        List<Counts> counts() {
            return all.stream().map(PageStream::counts).toList();
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
     */
    record Counts(String query, long hello, long stats, long changes, long alerts, boolean endedEarly) {
    }

    /** One stream: its lines assembled into events (event name, data lines, blank line) and counted. */
    private static final class PageStream implements Flow.Subscriber<String> {
        private final String query;
        private final CountDownLatch hellos;
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

        PageStream(String query, CountDownLatch hellos) {
            this.query = query;
            this.hellos = hellos;
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
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        Counts counts() {
            return new Counts(query, hello.get(), stats.get(), changes.get(), alerts.get(),
                    ended.get() && !cancelled.get());
        }
    }
}
