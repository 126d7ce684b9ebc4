package org.ifl.platform.deadletter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.ifl.platform.CauseChain;
import org.ifl.platform.kafka.ClusterAccess;
import org.ifl.platform.kafka.RecoveringStreams;
import org.ifl.platform.kafka.TransientFailure;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.registry.RegistryAccess;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For Kafka Streams stages: a record that does not deserialize, or whose processing throws, becomes a
 * {@link DeadLetter} with the stage, the reason, its source coordinates and original bytes, and the stream
 * goes on. The dead letter is handed back to Streams, which writes it with its own producer: under
 * exactly-once it commits in the same transaction as the input offset, so it is neither lost nor doubled.
 * A failure that is not the record's ({@link TransientFailure}: the registry or the broker did not answer)
 * dead-letters nothing: the stream thread fails without committing, {@link RecoveringStreams} starts another
 * after a back-off, and the record is read again.
 * Configured through the Streams properties {@link #STAGE_CONFIG} and {@link #REGISTRY_URL_CONFIG}.
 */
public final class DeadLetterExceptionHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    public static final String STAGE_CONFIG = "ifl.stage";
    public static final String STAGE_DOC = "Name of the stage written into each dead letter.";
    public static final String REGISTRY_URL_CONFIG = "ifl.schema.registry.url";
    public static final String REGISTRY_URL_DOC = "Schema registry the dead letters' schema is registered with.";
    /** Prefix of the registry access properties ({@link RegistryAccess}) in the Streams configuration. */
    public static final String REGISTRY_ACCESS_PREFIX = "ifl.schema.registry.access.";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

    private String stage;
    private Serializer<DeadLetter> serializer;

    @Override
    public void configure(Map<String, ?> configs) {
        Object stageName = configs.get(STAGE_CONFIG);
        Object registryUrl = configs.get(REGISTRY_URL_CONFIG);
        if (stageName == null || registryUrl == null) {
            throw new IllegalArgumentException(DeadLetterExceptionHandler.class.getSimpleName() + " needs "
                    + STAGE_CONFIG + " (" + STAGE_DOC + ") and " + REGISTRY_URL_CONFIG + " (" + REGISTRY_URL_DOC
                    + ") in the Streams configuration");
        }
        this.stage = stageName.toString();
        Map<String, Object> access = new HashMap<>();
        configs.forEach((name, value) -> {
            if (name.startsWith(REGISTRY_ACCESS_PREFIX)) {
                access.put(name.substring(REGISTRY_ACCESS_PREFIX.length()), value);
            }
        });
        this.serializer = RegistryAvroSerdes.forUrl(registryUrl.toString(),
                RegistryAccess.fromProperties(access, "the Streams configuration"))
                .serde(DeadLetter.class, false).serializer();
    }

    /**
     * The Streams properties that tell this handler where the registry is and how to reach it: the URL, and the
     * client properties' registry credentials and trust under {@value #REGISTRY_ACCESS_PREFIX} (kept apart from
     * the names Kafka's clients read).
     */
    public static Map<String, Object> registryConfig(ClusterAccess cluster) {
        Map<String, Object> config = new HashMap<>();
        config.put(REGISTRY_URL_CONFIG, cluster.registryUrl());
        cluster.client().registryAccess().toProperties()
                .forEach((name, value) -> config.put(REGISTRY_ACCESS_PREFIX + name, value));
        return config;
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        DeadLetters.Source source = new DeadLetters.Source(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), record.headers());
        if (TransientFailure.isTransient(exception)) {
            notTheRecords(source, exception);
            return DeserializationExceptionHandler.Response.fail();
        }
        String reason = "cannot deserialize: " + CauseChain.describe(exception);
        return DeserializationExceptionHandler.Response.resume(deadLetter(source, DeadLetterReason.DESERIALIZATION,
                reason, exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        DeadLetters.Source source = new DeadLetters.Source(context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), context.headers());
        if (TransientFailure.isTransient(exception)) {
            notTheRecords(source, exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        boolean rejected = exception instanceof RecordRejectedException;
        String reason = rejected
                ? "rejected: " + exception.getMessage()
                : "processing failed in " + context.processorNodeId() + ": " + CauseChain.describe(exception);
        return ProcessingExceptionHandler.Response.resume(deadLetter(source,
                rejected ? DeadLetterReason.REJECTED : DeadLetterReason.PROCESSING, reason, exception));
    }

    private void notTheRecords(DeadLetters.Source source, Exception exception) {
        LOG.debug("{}: {} is read again, not dead-lettered: {}", stage, DeadLetters.key(source),
                TransientFailure.describe(exception));
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(DeadLetters.Source source, DeadLetterReason kind,
            String reason, Exception exception) {
        LOG.warn("{}: dead-lettering {}: {}", stage, DeadLetters.key(source), reason);
        DeadLetterCounts.increment(stage, kind);
        String topic = Topics.DEAD_LETTERS.name();
        DeadLetter letter = DeadLetters.of(stage, reason, exception, source, System.currentTimeMillis());
        byte[] key = org.apache.kafka.common.serialization.Serdes.String().serializer()
                .serialize(topic, DeadLetters.key(source));
        return List.of(new ProducerRecord<>(topic, null, key, serializer.serialize(topic, letter)));
    }
}
