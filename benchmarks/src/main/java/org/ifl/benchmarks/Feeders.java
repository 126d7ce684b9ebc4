package org.ifl.benchmarks;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/** What the benchmarks that feed a stage records as fast as the producer goes share. */
public final class Feeders {
    private Feeders() {
    }

    /**
     * The config of a benchmark's feeder: idempotent, acks=all, large batches, one request in flight; named
     * {@code clientId} so the benchmarks can tell its threads apart.
     */
    public static Properties producerConfig(String bootstrapServers, String clientId) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // One request in flight: on a starved machine a request can time out after the broker wrote it while
        // later ones succeed, and the retry then fails for good with an out-of-order sequence (seen with the
        // broker sharing 2 loaded cores).
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return config;
    }
}
