package org.ifl.producers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.ifl.platform.CauseChain;

/**
 * What a replayed record must satisfy to be accepted by the topic it goes to, checked for every record before
 * any is sent: its size, as the producer measures it (a batch of one record, uncompressed), at most {@link
 * #recordBytes}; and its times ({@code completedAt}, the record timestamp, and {@code queriedAt}) within
 * [{@link #earliest}, {@link #latest}]. The bounds come from the topic's configuration when a broker can be
 * asked, else from Kafka's defaults; {@link #describe} says which.
 *
 * @param recordBytes the largest record, batch framing included: the topic's {@code max.message.bytes} or the
 *                    producer's {@code max.request.size}, whichever is smaller
 * @param earliest    the earliest time accepted: {@link #EARLIEST}, or later where the topic refuses older
 *                    record timestamps ({@code message.timestamp.before.max.ms})
 * @param latest      the latest time accepted: {@link #AHEAD} after the check starts, or sooner where the topic
 *                    refuses record timestamps further ahead ({@code message.timestamp.after.max.ms})
 * @param source      where the figures come from, for the summary
 */
public record ReplayLimits(int recordBytes, Instant earliest, Instant latest, String source) {
    /** No model answered before this: an earlier time is a unit mistake (seconds read as milliseconds). */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** How far ahead of the clock a time may be: clocks of other machines run a little ahead, not more. */
    public static final Duration AHEAD = Duration.ofDays(1);
    /** Kafka's default {@code max.message.bytes}: 1 MiB and 12 bytes of log overhead. */
    public static final int KAFKA_MAX_MESSAGE_BYTES = 1_048_588;
    /** Kafka's default {@code message.timestamp.after.max.ms} (since Kafka 4.0) for CreateTime topics. */
    public static final Duration KAFKA_TIMESTAMP_AFTER_MAX = Duration.ofHours(1);
    /** The producer's {@code max.request.size}: {@link org.ifl.platform.kafka.TopicProducers} keeps the default. */
    public static final int PRODUCER_MAX_REQUEST_BYTES = (Integer) ProducerConfig.configDef().defaultValues()
            .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    /**
     * How many times the record limit a line may be: a JSON string is at least as long as its UTF-8 bytes, so a
     * longer line cannot hold a record that fits, and reading one would only fill the memory.
     */
    public static final int LINE_TO_RECORD = 8;

    private static final long ASK_TIMEOUT_MS = 15_000;
    private static final String CREATE_TIME = "CreateTime";

    /** The limits of a topic with Kafka's default configuration, when no broker is asked (a dry run). */
    public static ReplayLimits kafkaDefaults(Instant now) {
        return of(KAFKA_MAX_MESSAGE_BYTES, CREATE_TIME, Long.MAX_VALUE, KAFKA_TIMESTAMP_AFTER_MAX.toMillis(), now,
                "Kafka's defaults (no broker was asked)");
    }

    /**
     * The limits of {@code topic} as the broker configures it; of the broker's defaults for new topics when
     * the topic does not exist yet.
     *
     * @throws IllegalStateException when the broker cannot be asked
     */
    public static ReplayLimits ofTopic(Admin admin, String topic, Instant now) {
        try {
            Map<String, String> topicConfig = describe(admin, new ConfigResource(ConfigResource.Type.TOPIC, topic));
            if (topicConfig != null) {
                return of(topicConfig, TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                        TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_CONFIG,
                        TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG, now, topic + "'s configuration");
            }
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            if (nodes.isEmpty()) {
                throw new IllegalStateException("the cluster lists no broker");
            }
            Map<String, String> brokerConfig = describe(admin, new ConfigResource(ConfigResource.Type.BROKER,
                    nodes.get(0).idString()));
            return of(brokerConfig, "message.max.bytes", "log.message.timestamp.type",
                    "log.message.timestamp.before.max.ms", "log.message.timestamp.after.max.ms", now,
                    "the broker's defaults (" + topic + " does not exist yet)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the broker about " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot ask the broker for " + topic + "'s configuration: "
                    + CauseChain.describe(e), e);
        }
    }

    /** The configuration of {@code resource}, or null when it is a topic that does not exist. */
    private static Map<String, String> describe(Admin admin, ConfigResource resource)
            throws InterruptedException, ExecutionException, TimeoutException {
        DescribeConfigsResult result = admin.describeConfigs(List.of(resource));
        try {
            Config config = result.all().get(ASK_TIMEOUT_MS, TimeUnit.MILLISECONDS).get(resource);
            return config.entries().stream().filter(e -> e.value() != null)
                    .collect(java.util.stream.Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    private static ReplayLimits of(Map<String, String> config, String maxMessageBytes, String timestampType,
            String beforeMaxMs, String afterMaxMs, Instant now, String source) {
        return of(Integer.parseInt(config.getOrDefault(maxMessageBytes, Integer.toString(KAFKA_MAX_MESSAGE_BYTES))),
                config.getOrDefault(timestampType, CREATE_TIME),
                Long.parseLong(config.getOrDefault(beforeMaxMs, Long.toString(Long.MAX_VALUE))),
                Long.parseLong(config.getOrDefault(afterMaxMs, Long.toString(KAFKA_TIMESTAMP_AFTER_MAX.toMillis()))),
                now, source);
    }

    /**
     * The limits of a topic configured so.
     *
     * @param timestampType CreateTime (the broker refuses record timestamps outside the before/after bounds) or
     *                      LogAppendTime (it stamps records itself and checks nothing)
     */
    static ReplayLimits of(int maxMessageBytes, String timestampType, long beforeMaxMs, long afterMaxMs,
            Instant now, String source) {
        Instant earliest = EARLIEST;
        Instant latest = now.plus(AHEAD);
        String times = "times from " + EARLIEST + " to " + AHEAD.toHours() + " h ahead";
        if (CREATE_TIME.equalsIgnoreCase(timestampType)) {
            if (beforeMaxMs < now.toEpochMilli() - EARLIEST.toEpochMilli()) {
                earliest = now.minusMillis(beforeMaxMs);
                times = "times from " + Duration.ofMillis(beforeMaxMs) + " ago";
            } else {
                times = "times from " + EARLIEST;
            }
            if (afterMaxMs < AHEAD.toMillis()) {
                latest = now.plusMillis(afterMaxMs);
                times += " to " + Duration.ofMillis(afterMaxMs).toMinutes() + " min ahead (CreateTime, "
                        + "message.timestamp.after.max.ms)";
            } else {
                times += " to " + AHEAD.toHours() + " h ahead";
            }
        }
        int recordBytes = Math.min(maxMessageBytes, PRODUCER_MAX_REQUEST_BYTES);
        String bytes = String.format(Locale.ROOT, "records up to %,d bytes (max.message.bytes %,d, the producer's "
                + "max.request.size %,d)", recordBytes, maxMessageBytes, PRODUCER_MAX_REQUEST_BYTES);
        return new ReplayLimits(recordBytes, earliest, latest, source + ": " + bytes + ", " + times);
    }

    /** The longest line (or CSV record) read: {@value #LINE_TO_RECORD} times the record limit. */
    public int maxLineBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 16L, (long) LINE_TO_RECORD * recordBytes);
    }

    /** Where the limits come from and what they are, one line. */
    public String describe() {
        return source;
    }
}
