package org.ifl.statsstream.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A page's {@code GET /events} stream as the ITs read it, with {@code java.net.http}: each event (its name,
 * data and retry) in the order it came, read on the client's threads; closed when the test is done with it.
 */
final class EventStream implements AutoCloseable {
    /** One server-sent event; {@code retry} is null where the event set none. */
    record ServerEvent(String name, String data, String retry, List<String> comments) {
        JsonNode json() throws Exception {
            return StatsServiceKit.JSON.readTree(data);
        }
    }

    private final BlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final HttpResponse<Stream<String>> response;

    private EventStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code path} (e.g. /events?model=vlm) on the service at {@code base}; fails unless it answers 200. */
    static EventStream open(URI base, String path) throws Exception {
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base.toString().replaceAll("/$", "") + path)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode(), path);
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse("")
                .replaceAll(";.*", ""), path);
        return new EventStream(response);
    }

    private void read() {
        String name = null;
        String retry = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null || !comments.isEmpty()) {
                        events.add(new ServerEvent(name == null ? "message" : name, data == null ? "" : data.toString(),
                                retry, List.copyOf(comments)));
                    }
                    name = null;
                    retry = null;
                    data = null;
                    comments.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).strip());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> name = value;
                        case "retry" -> retry = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
            ended.complete(null);
        } catch (RuntimeException e) {
            ended.complete(null); // the connection went away: the stream ended
        }
    }

    /** The next event that {@code matches}, skipping others, within {@code wait}; null when none came. */
    ServerEvent next(Predicate<ServerEvent> matches, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            ServerEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || matches.test(e)) {
                return e;
            }
        }
    }

    /** The next event named {@code name} within {@code wait}; fails naming it when none came. */
    ServerEvent next(String name, Duration wait) throws InterruptedException {
        ServerEvent e = next(ev -> ev.name().equals(name), wait);
        if (e == null) {
            throw new AssertionError("no '" + name + "' event within " + wait);
        }
        return e;
    }

    /** Whether the server ended the stream within {@code wait}. */
    boolean endsWithin(Duration wait) throws InterruptedException {
        try {
            ended.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        response.body().close();
    }
}
