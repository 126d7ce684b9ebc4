package org.ifl.platform.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.StreamsConfig;
import org.ifl.platform.deadletter.DeadLetterExceptionHandler;

/** The Streams settings every stage shares: exactly-once v2 and dead letters for bad records. */
public final class StreamsStageConfig {
    private StreamsStageConfig() {
    }

    /** Exactly-once v2 over {@code cluster} (its client properties included), dead letters for bad records. */
    public static Properties exactlyOnce(String applicationId, ClusterAccess cluster, String stage) {
        Properties p = cluster.kafkaProperties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        // The global tables' processing too (the default from Kafka 5.0): a record that fails there is skipped
        // and logged instead of stopping the stage. Streams cannot yet write dead letters from the global thread.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Streams reads its settings again, for the partition assignor, from the main consumer's, which carry only
        // what has the consumer prefix; without it that copy has the handler off and warns so at every start.
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        p.put(DeadLetterExceptionHandler.STAGE_CONFIG, stage);
        // every RocksDB store of the process within one budget (BoundedRocksDbMemory.MEMORY_CONFIG, 64 MiB)
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.putAll(DeadLetterExceptionHandler.registryConfig(cluster));
        return p;
    }

    /**
     * How a stage closes on a clean shutdown: it leaves the consumer group, so that a restarted or remaining
     * instance takes its partitions over at once instead of after the session timeout (45 s), which Streams
     * otherwise waits out because its members do not leave on close.
     */
    public static CloseOptions leavingGroup() {
        return CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30));
    }
}
