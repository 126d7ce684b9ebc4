package org.ifl.statsstream.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.http.sse.Event;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ifl.platform.EmbeddedPlatform;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.testkit.Await;
import org.ifl.platform.testkit.CapturedLogs;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.avro.AlertState;
import org.ifl.schemas.avro.Estimate;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.RecordKey;
import org.ifl.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

/**
 * The event feed on its own against a real broker: a page that stops reading is dropped once its buffer is full
 * while another page gets every event, and without a broker the feed waits quietly and still ends its streams
 * when closed.
 */
class StatsFeedIT {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path dataDir;

    private static Alert alert(int i) {
        Estimate e = new Estimate(-0.5, -0.7, -0.3, 40L, "independent-normal");
        return Alert.newBuilder().setAlertId(RecordKey.of("vlm", "c" + i, "maxm", "1")).setState(AlertState.FIRING)
                .setModel("vlm").setCheckpoint("c" + i).setBaselineCheckpoint("c0").setDataset("maxm")
                .setLanguages(List.of("de")).setIfl(e).setBaselineIfl(e).setDifference(e).setThreshold(0.05)
                .setReason("test").setDetectedAt(StatsServiceKit.AT.plusSeconds(i)).build();
    }

    /** A page that reads nothing until asked to. */
    private static final class StalledPage extends BaseSubscriber<Event<String>> {
        final List<Event<String>> events = new CopyOnWriteArrayList<>();
        final AtomicBoolean ended = new AtomicBoolean();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // reads nothing yet
        }

        @Override
        protected void hookOnNext(Event<String> event) {
            events.add(event);
        }

        @Override
        protected void hookFinally(reactor.core.publisher.SignalType type) {
            ended.set(true);
        }
    }

    @Test
    void aPageThatStopsReadingIsDroppedAndHoldsNoOtherPageUp() throws Exception {
        int alerts = StatsFeed.SUBSCRIBER_BUFFER + 44;
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(EmbeddedPlatform.Settings.ephemeral(dataDir))) {
            Topics topics = new Topics(RegistryAvroSerdes.forUrl(platform.registryUrl()));
            StatsFeed feed = new StatsFeed(ClusterAccess.plain(platform.bootstrapServers(), platform.registryUrl()),
                    () -> Optional.of("127.0.0.1:1"), JSON, Duration.ofMillis(300));
            try {
                List<Event<String>> reading = new CopyOnWriteArrayList<>();
                AtomicBoolean readingEnded = new AtomicBoolean();
                Flux.from(feed.events(null, null)).doFinally(s -> readingEnded.set(true)).subscribe(reading::add);
                StalledPage stalled = new StalledPage();
                Flux.from(feed.events("vlm", null)).subscribe(stalled);
                Await.until("hello", () -> reading.stream().anyMatch(e -> "hello".equals(e.getName())));
                assertEquals("{\"instance\":\"127.0.0.1:1\",\"startedAt\"", reading.get(0).getData()
                        .replaceAll(":\"[^\"]*\"}$", ""));
                Await.until("a keep-alive", () -> reading.stream().anyMatch(e -> " keep-alive".equals(e.getComment())
                        && e.getName() == null));

                List<Alert> records = new ArrayList<>();
                for (int i = 0; i < alerts; i++) {
                    records.add(alert(i));
                }
                StatsServiceKit.produce(platform, topics.topic(Topics.ALERTS), records,
                        a -> RecordKey.checkpoint(a.getModel(), a.getCheckpoint()));
                Await.until(alerts + " alert events on the page that reads", () -> reading.stream()
                        .filter(e -> "alert".equals(e.getName())).count() == alerts);
                assertEquals(alerts, feed.alerts(null, null, 1_000).size());
                assertTrue(!readingEnded.get(), "the page that reads stays connected");

                stalled.requestUnbounded();
                Await.until("the stalled page's stream ends", stalled.ended::get);
                assertEquals("hello", stalled.events.get(0).getName());
                assertEquals(StatsFeed.SUBSCRIBER_BUFFER, stalled.events.size(),
                        "what its buffer held when it was dropped: hello and the alerts that fit");
                assertTrue(stalled.events.stream().anyMatch(e -> "alert".equals(e.getName())), "it got alerts first");
            } finally {
                feed.close();
            }
        }
    }

    @Test
    void withoutABrokerTheFeedWaitsQuietlyAndEndsItsStreamsWhenClosed() throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        try (CapturedLogs logs = CapturedLogs.start(List.of(StatsFeed.class.getName()))) {
            StatsFeed feed = new StatsFeed(ClusterAccess.plain("127.0.0.1:" + port, "mem://stats-feed-it"),
                    Optional::empty, JSON, StatsFeed.KEEP_ALIVE);
            List<Event<String>> events = new CopyOnWriteArrayList<>();
            AtomicBoolean ended = new AtomicBoolean();
            Flux.from(feed.events(null, null)).doFinally(s -> ended.set(true)).subscribe(events::add);
            Await.until("the feed says it waits for the broker", () -> logs.texts().stream()
                    .anyMatch(t -> t.contains("the event feed cannot follow")));
            feed.close();
            Await.until("the stream ends", ended::get);
            assertEquals(List.of(), events, "no hello: the feed never followed the topics");
            List<String> fromFeed = logs.events().stream().filter(e -> e.getLoggerName().equals(StatsFeed.class.getName()))
                    .map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
            assertEquals(1, fromFeed.size(), "one line while it waits, however many tries: " + fromFeed);
            assertTrue(logs.events().stream().filter(e -> e.getLoggerName().equals(StatsFeed.class.getName()))
                    .allMatch(e -> e.getLevel().toInt() <= Level.INFO_INT), fromFeed.toString());
        }
    }
}
