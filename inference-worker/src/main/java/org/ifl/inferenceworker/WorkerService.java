package org.ifl.inferenceworker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ifl.platform.CauseChain;
import org.ifl.platform.deadletter.DeadLetterPublisher;
import org.ifl.platform.kafka.TopicProducers;
import org.ifl.platform.service.Cluster;
import org.ifl.platform.service.StageMeters;
import org.ifl.platform.service.health.StageHealth;
import org.ifl.schemas.avro.Completion;
import org.ifl.schemas.avro.DeadLetter;
import org.ifl.schemas.serde.RegistryAvroSerdes;
import org.ifl.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference-worker service: loads the configured backend, then runs a {@link WorkerLoop} against the
 * configured cluster and registry until the application context closes; its health is UP while the loop runs.
 * Present in the {@value #ENVIRONMENT} environment, whose settings are {@code application-worker.yml}.
 */
@Context
@Requires(env = WorkerService.ENVIRONMENT)
public final class WorkerService implements StageHealth {
    public static final String ENVIRONMENT = "worker";
    private static final Logger LOG = LoggerFactory.getLogger(WorkerService.class);

    /** The one backend, or null when each checkpoint's is loaded from its registration. */
    private final InferenceBackend backend;
    private final CheckpointBackends checkpoints;
    private final RegisteredCheckpoints registrations;
    private final Backends backends;
    private final Duration backendLoadTime;
    private final WorkerLoop loop;
    private final Thread thread;
    private final KafkaClientMetrics consumerMetrics;

    WorkerService(WorkerSettings settings, Cluster cluster, MeterRegistry meters) throws IOException {
        String bootstrapServers = cluster.bootstrapServers();
        String registryUrl = cluster.registryUrl();
        WorkerOptions options = settings.options();
        Topics topics = new Topics(cluster.access().serdes());
        long start = System.nanoTime();
        if (settings.isRegisteredCheckpoints()) {
            this.backend = null;
            this.registrations = RegisteredCheckpoints.open(cluster.access(), topics.topic(Topics.CHECKPOINTS));
            this.checkpoints = new CheckpointBackends(registrations, ConfiguredBackend.checkpointLoader(settings),
                    settings.getCheckpointMemoryBytes(), settings.getCheckpointRetry(), checkpointEvents(meters),
                    System::nanoTime);
            this.backends = checkpoints;
            this.backendLoadTime = Duration.ZERO;
            LOG.info("checkpoints are loaded from their registrations on {} ({} backend, up to {} bytes of weights "
                    + "kept loaded)", Topics.CHECKPOINTS.name(), checkpoints.kind(), settings.getCheckpointMemoryBytes());
        } else {
            this.backend = ConfiguredBackend.create(settings);
            this.registrations = null;
            this.checkpoints = null;
            this.backends = Backends.fixed(backend);
            this.backendLoadTime = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("{} backend loaded ({}) in {} ms", backend.name(), backend.modelRevision(),
                    backendLoadTime.toMillis());
        }

        TopicProducers producers = new TopicProducers(cluster.access());
        Producer<String, Completion> completions = producers.create(Topics.COMPLETIONS, "ifl-inference-worker");
        Producer<String, DeadLetter> deadLetterProducer = producers.create(Topics.DEAD_LETTERS,
                "ifl-inference-worker-dlq");
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(WorkerLoop.STAGE, topics.topic(Topics.DEAD_LETTERS),
                deadLetterProducer);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                WorkerLoop.consumerConfig(cluster.access(), settings.groupIdOrDefault(), options),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // The consumer's own metrics, its lag among them (kafka_consumer_fetch_manager_records_lag_max).
        this.consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
        ImageLoader images = settings.imageLoader();
        this.loop = new WorkerLoop(consumer, completions, deadLetters, topics.topic(Topics.QUERIES),
                topics.topic(Topics.COMPLETIONS), backends, images, options, metrics(meters, images),
                Clock.systemUTC());
        this.thread = new Thread(() -> {
            try {
                loop.run();
            } finally {
                deadLetterProducer.close(Duration.ofSeconds(5));
            }
        }, "ifl-inference-worker");
        thread.start();
        LOG.info("inference worker started against {} (registry {}), group {}, {}; image files read under {}, up to "
                + "{} bytes", bootstrapServers, registryUrl, settings.groupIdOrDefault(), options, images.roots(),
                images.maxBytes());
    }

    /**
     * Loads and unloads of checkpoints, and {@code ifl.worker.checkpoint.unavailable{model,checkpoint}}: 1 while a
     * checkpoint cannot be served (the IflCheckpointUnavailable alert), 0 once it loads.
     */
    private static CheckpointBackends.Events checkpointEvents(MeterRegistry meters) {
        Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
        return new CheckpointBackends.Events() {
            @Override
            public void loaded(String model, String checkpoint, long bytes, Duration load, Duration warm) {
                Timer.builder("ifl.worker.checkpoint.load").description("time to load a checkpoint's weights")
                        .tag("model", model).register(meters).record(load);
                Timer.builder("ifl.worker.checkpoint.warm").description("time of a checkpoint's warm-up generation")
                        .tag("model", model).register(meters).record(warm);
            }

            @Override
            public void unloaded(String model, String checkpoint) {
                meters.counter("ifl.worker.checkpoint.unloads", "model", model).increment();
            }

            @Override
            public void unavailable(String model, String checkpoint, String message) {
                unavailable.computeIfAbsent(model + "|" + checkpoint, k -> {
                    var flag = new AtomicInteger();
                    Gauge.builder("ifl.worker.checkpoint.unavailable", flag, AtomicInteger::get)
                            .description("1 while the checkpoint cannot be served: its queries fail CHECKPOINT_UNAVAILABLE")
                            .tag("model", model).tag("checkpoint", checkpoint).register(meters);
                    return flag;
                }).set(message == null ? 0 : 1);
            }
        };
    }

    private WorkerMetrics metrics(MeterRegistry meters, ImageLoader images) {
        DistributionSummary batchSizes = DistributionSummary.builder("ifl.worker.batch.size")
                .description("queries per backend call").publishPercentileHistogram().register(meters);
        Counter tokens = Counter.builder("ifl.worker.tokens").description("tokens generated").register(meters);
        Counter skipped = Counter.builder("ifl.worker.skipped").description("queries for other models")
                .register(meters);
        Counter pauses = Counter.builder("ifl.worker.pauses").description("times the consumer paused, queue full")
                .register(meters);
        if (checkpoints != null) {
            Gauge.builder("ifl.worker.checkpoints.loaded", checkpoints, CheckpointBackends::loadedCount)
                    .description("checkpoints whose weights are loaded").register(meters);
            Gauge.builder("ifl.worker.checkpoints.loaded.bytes", checkpoints, CheckpointBackends::loadedBytes)
                    .description("bytes of the loaded checkpoints' weights").baseUnit("bytes").register(meters);
        }
        Gauge.builder("ifl.worker.queue.depth", this, s -> s.loop.held())
                .description("queries held: waiting for a batch or being answered").register(meters);
        FunctionCounter.builder("ifl.worker.image.cache.hits", images, ImageLoader::hits).register(meters);
        FunctionCounter.builder("ifl.worker.image.cache.misses", images, ImageLoader::misses).register(meters);
        StageMeters.bindDeadLetters(meters, WorkerLoop.STAGE);
        FunctionCounter.builder(StageMeters.RECORDS, this, s -> s.loop.answered())
                .description("records this stage finished: completions written").tag(StageMeters.STAGE_TAG,
                        WorkerLoop.STAGE).register(meters);
        return new WorkerMetrics() {
            @Override
            public void batch(String backendName, int size, long nanos, long generated) {
                batchSizes.record(size);
                tokens.increment(generated);
                Timer.builder("ifl.worker.batch.latency").description("time of one backend call")
                        .tag("backend", backendName).publishPercentileHistogram().register(meters)
                        .record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void error(String code) {
                meters.counter("ifl.worker.errors", "code", code).increment();
            }

            @Override
            public void skipped() {
                skipped.increment();
            }

            @Override
            public void paused(boolean paused) {
                if (paused) {
                    pauses.increment();
                }
            }
        };
    }

    public WorkerLoop loop() {
        return loop;
    }

    /** The one backend; null with registered checkpoints ({@link #checkpoints()}). */
    public InferenceBackend backend() {
        return backend;
    }

    /** The checkpoints' backends when they are loaded from their registrations; else null. */
    public CheckpointBackends checkpoints() {
        return checkpoints;
    }

    public Duration backendLoadTime() {
        return backendLoadTime;
    }

    @Override
    public String name() {
        return WorkerLoop.STAGE;
    }

    @Override
    public boolean isUp() {
        return loop.state() == WorkerLoop.State.RUNNING;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("loop", loop.state().name());
        details.put("backend", backends.kind());
        if (backend != null) {
            details.put("modelRevision", backend.modelRevision());
            details.put("backendLoadMs", backendLoadTime.toMillis());
        } else {
            details.put("checkpointsLoaded", checkpoints.loaded().stream().map(c -> Map.of("model", c.model(),
                    "checkpoint", c.checkpoint(), "revision", c.revision(), "bytes", c.bytes(), "loadMs",
                    c.load().toMillis(), "warmMs", c.warm().toMillis())).toList());
            details.put("checkpointsUnavailable", checkpoints.unavailable());
        }
        details.put("held", loop.held());
        details.put("paused", loop.paused());
        if (loop.failure() != null) {
            details.put("failure", CauseChain.describe(loop.failure()));
        }
        return details;
    }

    @PreDestroy
    void close() throws Exception {
        if (!loop.stop(Duration.ofSeconds(60))) {
            LOG.warn("the inference worker did not stop within 60 s");
        }
        consumerMetrics.close();
        backends.close();
        if (registrations != null) {
            registrations.close();
        }
    }
}
