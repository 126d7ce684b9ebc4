package org.ifl.statsstream.internal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.StreamsStageService;
import org.ifl.schemas.avro.Alert;
import org.ifl.schemas.topic.Topic;
import org.ifl.schemas.topic.Topics;
import org.ifl.statsstream.AlertView;
import org.ifl.statsstream.StatsService;
import org.ifl.statsstream.internal.api.AlertLog;
import org.ifl.statsstream.internal.api.StatsChanges;
import org.ifl.statsstream.internal.api.StatsChanges.Change;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * What changes, as it is committed: this instance's one reader of eval.stats and eval.alerts, for the dashboard's
 * event streams ({@code GET /events}) and its alerts table ({@code GET /alerts}). Its own thread runs a consumer
 * without a group ({@code read_committed}, so only what the stage's transactions committed), assigned every
 * partition of both topics: eval.stats from the end, its keys only (a key names the cell or summary; the figures
 * are read from the API), and eval.alerts from the beginning, decoded, into an {@link AlertLog}. Every instance
 * tails the whole topics, so a page connected to any instance sees every model's changes.
 *
 * <p>A page's stream is fed from this thread only, through a buffer of {@value #SUBSCRIBER_BUFFER} events; a page
 * that lets it fill is dropped (its stream ends, the browser reconnects and the page refetches), so a slow page
 * never holds the feed up. A stream starts with {@code hello} once the feed follows the topics; stats changes go
 * out coalesced over {@link #COALESCE}, and a comment every {@link #KEEP_ALIVE} keeps idle connections open.
 * While the broker cannot be reached the feed retries quietly; on shutdown it ends every stream.
 */
@Context
@Requires(beans = StatsService.class)
public final class StatsFeed {
    static final Duration COALESCE = Duration.ofMillis(250);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final Duration RETRY = Duration.ofMillis(1000);
    static final int SUBSCRIBER_BUFFER = 256;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(StatsFeed.class);

    private final ClusterAccess cluster;
    private final Supplier<Optional<String>> instance;
    private final Duration keepAlive;
    private final ObjectMapper json;
    private final String statsTopic;
    private final String alertsTopic;
    private final Deserializer<Alert> alerts;
    private final AlertLog alertLog = new AlertLog(AlertLog.CAPACITY);
    private final StatsChanges changes = new StatsChanges(COALESCE.toNanos());
    private final Instant startedAt = Instant.now();
    private final ConcurrentLinkedQueue<Subscriber> joining = new ConcurrentLinkedQueue<>();
    /** Touched by the feed thread only. */
    private final List<Subscriber> subscribers = new ArrayList<>();
    /** The next offset to read of each partition, kept across reconnects; touched by the feed thread only. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    @Inject
    StatsFeed(Cluster cluster, StreamsStageService stage, ObjectMapper json) {
        this(cluster.access(), stage::applicationServer, json, KEEP_ALIVE);
    }

    /**
     * @param instance host:port of this instance's API, as {@code hello} names it (empty until it listens)
     * @param keepAlive how often every stream gets a keep-alive comment
     */
    StatsFeed(ClusterAccess cluster, Supplier<Optional<String>> instance, ObjectMapper json, Duration keepAlive) {
        this.cluster = cluster;
        this.keepAlive = keepAlive;
        this.instance = instance;
        this.json = json;
        Topics topics = new Topics(cluster.serdes());
        Topic<String, Alert> alertTopic = topics.topic(Topics.ALERTS);
        this.statsTopic = topics.topic(Topics.STATS).name();
        this.alertsTopic = alertTopic.name();
        this.alerts = alertTopic.valueSerde().deserializer();
        this.thread = new Thread(this::run, "ifl-stats-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** The latest alerts, as {@link AlertLog#latest} says. */
    public List<AlertView> alerts(String model, String checkpoint, int limit) {
        return alertLog.latest(model, checkpoint, limit);
    }

    /**
     * A page's event stream: {@code hello}, then the {@code stats} changes and {@code alert}s that concern
     * {@code model} and {@code checkpoint} (null: any), and keep-alive comments. Ends when the page falls too far
     * behind or the service stops.
     */
    public Publisher<Event<String>> events(String model, String checkpoint) {
        Subscriber s = new Subscriber(model, checkpoint);
        joining.add(s);
        if (closed && joining.remove(s)) {
            s.sink.tryEmitComplete(); // the feed has stopped, or stops now and may not see it
        }
        return s.sink.asFlux().doOnCancel(() -> s.cancelled = true);
    }

    /** The data of {@code hello}: which instance the page is connected to, and since when it runs. */
    record Hello(String instance, String startedAt) {
    }

    /** One page's stream: what it follows, and its bounded buffer. */
    private static final class Subscriber {
        final String model;
        final String checkpoint;
        final Sinks.Many<Event<String>> sink = Sinks.many().unicast()
                .onBackpressureBuffer(Queues.<Event<String>>get(SUBSCRIBER_BUFFER).get());
        volatile boolean cancelled;

        Subscriber(String model, String checkpoint) {
            this.model = model;
            this.checkpoint = checkpoint;
        }

        boolean follows(String model, String checkpoint) {
            return (this.model == null || this.model.equals(model))
                    && (this.checkpoint == null || this.checkpoint.equals(checkpoint));
        }
    }

    private void run() {
        long lastKeepAlive = System.nanoTime();
        boolean waiting = false;
        try {
            while (!closed) {
                try {
                    if (consumer == null) {
                        consumer = follow();
                        if (waiting) {
                            LOG.info("the event feed follows {} and {} again", statsTopic, alertsTopic);
                        }
                        waiting = false;
                    }
                    welcomeJoining();
                    long now = System.nanoTime();
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(Math.min(POLL.toNanos(),
                            Math.max(1, changes.nanosUntilDue(now)))));
                    take(records);
                    now = System.nanoTime();
                    if (changes.due(now)) {
                        publishChanges(changes.drain());
                    }
                    if (now - lastKeepAlive >= keepAlive.toNanos()) {
                        broadcast(s -> Event.of("").comment(" keep-alive")); // ": keep-alive" on the wire
                        lastKeepAlive = now;
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (KafkaException e) {
                    if (closed) {
                        break;
                    }
                    if (!waiting) {
                        LOG.info("the event feed cannot follow {} and {} yet ({}); retrying every {} s", statsTopic,
                                alertsTopic, e.getMessage(), RETRY.toSeconds());
                        waiting = true;
                    }
                    closeConsumer();
                    pause(RETRY);
                }
            }
        } finally {
            closeConsumer();
            for (Subscriber s : subscribers) {
                s.sink.tryEmitComplete();
            }
            subscribers.clear();
            for (Subscriber s; (s = joining.poll()) != null; ) {
                s.sink.tryEmitComplete();
            }
        }
    }

    /** A consumer assigned every partition of both topics: eval.stats at its end, eval.alerts at its beginning. */
    private KafkaConsumer<byte[], byte[]> follow() {
        Map<String, Object> config = cluster.kafkaConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ifl-stats-feed-" + Long.toHexString(System.nanoTime()));
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis());
        // A transaction's records become readable at its commit, which a fetch parked on the broker does not
        // wait for: ask again soon rather than after the default half second.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL.toMillis());
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer = c; // so that close() can wake it while it waits for the broker
        List<TopicPartition> stats = partitions(c, statsTopic);
        List<TopicPartition> alertPartitions = partitions(c, alertsTopic);
        List<TopicPartition> all = new ArrayList<>(stats);
        all.addAll(alertPartitions);
        c.assign(all);
        // Where it left off after a reconnect; else eval.stats from now on and eval.alerts all along.
        c.seekToEnd(stats.stream().filter(p -> !positions.containsKey(p)).toList());
        c.seekToBeginning(alertPartitions.stream().filter(p -> !positions.containsKey(p)).toList());
        positions.forEach((p, offset) -> {
            if (all.contains(p)) {
                c.seek(p, offset);
            }
        });
        for (TopicPartition p : all) {
            positions.put(p, c.position(p)); // fixes where it starts: every record committed from now on is seen
        }
        return c;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        List<PartitionInfo> infos = c.partitionsFor(topic, CONNECT_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new KafkaException("topic " + topic + " does not exist yet");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void take(ConsumerRecords<byte[], byte[]> records) {
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (r.topic().equals(statsTopic)) {
                Change change = r.key() == null ? null : Change.ofStatsKey(new String(r.key(), StandardCharsets.UTF_8));
                if (change != null) {
                    changes.add(change, now);
                }
            } else if (r.value() != null) {
                AlertView alert = alertLog.add(AlertView.of(alerts.deserialize(r.topic(), r.headers(), r.value()),
                        false));
                String data = write(alert);
                broadcastTo(s -> s.follows(alert.model(), alert.checkpoint()), s -> Event.of(data).name("alert"));
            }
            positions.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
    }

    private void publishChanges(List<Change> batch) {
        Map<List<String>, String> dataByFilter = new HashMap<>();
        broadcastTo(s -> true, s -> {
            String data = dataByFilter.computeIfAbsent(Arrays.asList(s.model, s.checkpoint), f -> {
                List<Change> concerning = batch.stream().filter(c -> c.concerns(s.model, s.checkpoint)).toList();
                return concerning.isEmpty() ? null : write(Map.of("changes", concerning));
            });
            return data == null ? null : Event.of(data).name("stats");
        });
    }

    /** Greets the pages that joined since the last round; from now on they get every change. */
    private void welcomeJoining() {
        for (Subscriber s; (s = joining.poll()) != null; ) {
            subscribers.add(s);
            Hello hello = new Hello(instance.get().orElse(""), startedAt.toString());
            emit(s, Event.of(write(hello)).name("hello").retry(RETRY));
        }
        subscribers.removeIf(s -> s.cancelled);
    }

    private void broadcast(Function<Subscriber, Event<String>> event) {
        broadcastTo(s -> true, event);
    }

    private void broadcastTo(Predicate<Subscriber> which, Function<Subscriber, Event<String>> event) {
        for (Iterator<Subscriber> it = subscribers.iterator(); it.hasNext(); ) {
            Subscriber s = it.next();
            if (!which.test(s)) {
                continue;
            }
            Event<String> e = event.apply(s);
            if (e != null && !emit(s, e)) {
                it.remove();
            }
        }
    }

    /** Hands the page an event; false when the page is gone or fell behind and was dropped. */
    private boolean emit(Subscriber s, Event<String> event) {
        Sinks.EmitResult result = s.sink.tryEmitNext(event);
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            LOG.debug("an event stream fell {} events behind; ending it, its page reconnects", SUBSCRIBER_BUFFER);
            s.sink.tryEmitComplete();
            return false;
        }
        return result.isSuccess();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event as JSON: " + e.getMessage(), e);
        }
    }

    private void closeConsumer() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        consumer = null;
        if (c != null) {
            try {
                c.close(CloseOptions.timeout(Duration.ZERO));
            } catch (KafkaException e) {
                LOG.debug("closing the event feed's consumer: {}", e.getMessage());
            }
        }
    }

    private void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Ends every page's stream and stops the feed. */
    @PreDestroy
    void close() {
        closed = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
